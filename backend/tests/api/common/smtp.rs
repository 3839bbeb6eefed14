//! A real SMTP server for the mail tests: aiosmtpd (requirements-test.txt) on a free
//! loopback port, storing every message in a Maildir.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// aiosmtpd storing every message in a Maildir; killed on drop.
pub struct Smtp(Child);

impl Smtp {
    pub fn start(port: u16, maildir: &std::path::Path) -> Smtp {
        let child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(maildir)
            .stdout(Stdio::null())
            .spawn()
            .expect("python3 with aiosmtpd (requirements-test.txt)");
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(start.elapsed() < Duration::from_secs(60), "aiosmtpd did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        Smtp(child)
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
