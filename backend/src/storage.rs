//! Content-addressed file storage under `storage.data_dir`: a document is stored once under
//! its SHA-256, so a re-submitted file costs nothing and a stored file proves its own hash.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::Result;

#[derive(Clone, Debug)]
pub struct Storage {
    root: PathBuf,
}

impl Storage {
    pub fn open(root: &Path) -> Result<Storage> {
        std::fs::create_dir_all(root.join("blobs"))?;
        std::fs::create_dir_all(root.join("tmp"))?;
        Ok(Storage { root: root.to_path_buf() })
    }

    pub fn sha256_hex(bytes: &[u8]) -> String {
        hex::encode(Sha256::digest(bytes))
    }

    fn path_of(&self, sha256: &str) -> PathBuf {
        self.root.join("blobs").join(&sha256[..2]).join(sha256)
    }

    /// Writes `bytes` durably (temp file, fsync, rename). Returns the hash and whether this
    /// call created the file, so a failed transaction removes only what it added.
    pub fn put(&self, bytes: &[u8]) -> Result<(String, bool)> {
        let sha = Self::sha256_hex(bytes);
        let path = self.path_of(&sha);
        if path.exists() {
            return Ok((sha, false));
        }
        std::fs::create_dir_all(path.parent().expect("blob path has a parent"))?;
        let tmp = self.root.join("tmp").join(uuid::Uuid::new_v4().to_string());
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        // Once synced, the pages are clean; dropping them keeps stored documents (written
        // once, rarely read) from filling the page cache. A cache that keeps growing takes
        // never-used memory, which on a VM whose host reclaims idle guest memory costs a
        // host fault per page: a third of the CPU of the filings bench, in `perf`. Advice
        // only: a failure changes nothing stored.
        let _ = rustix::fs::fadvise(&f, 0, None, rustix::fs::Advice::DontNeed);
        std::fs::rename(&tmp, &path)?;
        Ok((sha, true))
    }

    pub fn get(&self, sha256: &str) -> Result<Vec<u8>> {
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(crate::Error::NotFound);
        }
        match std::fs::read(self.path_of(sha256)) {
            Ok(b) => Ok(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(crate::Error::NotFound),
            Err(e) => Err(e.into()),
        }
    }

    /// Removes a blob this request created (used when its transaction fails).
    pub fn remove(&self, sha256: &str) {
        let _ = std::fs::remove_file(self.path_of(sha256));
    }

    /// Every stored blob's hash (tests use it to prove nothing was stored on rejection).
    pub fn list(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for d in std::fs::read_dir(self.root.join("blobs"))? {
            for f in std::fs::read_dir(d?.path())? {
                out.push(f?.file_name().to_string_lossy().into_owned());
            }
        }
        out.sort();
        Ok(out)
    }
}
