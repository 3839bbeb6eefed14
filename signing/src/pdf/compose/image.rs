//! PNG and JPEG images as PDF image XObjects. JPEG bytes go in as they are (DCTDecode);
//! PNG is decoded to 8-bit samples, re-compressed, with its alpha as a soft mask.

use std::io::Cursor;

use crate::pdf::text::{deflate, stream};

use crate::Error;

/// An image ready to be written: the XObject's dictionary entries and data, and for PNG
/// with alpha its soft mask (an object body).
pub(crate) struct ImageObject {
    pub width: u32,
    pub height: u32,
    /// Dictionary entries without /Length and /SMask.
    pub dict: String,
    /// Encoded data, ready for the stream.
    pub data: Vec<u8>,
    pub smask: Option<Vec<u8>>,
}

impl ImageObject {
    /// The XObject body, referring to its mask by object number.
    pub fn body(&self, smask: Option<u32>) -> Vec<u8> {
        let mask = smask.map(|id| format!("/SMask {id} 0 R")).unwrap_or_default();
        let mut b = format!("<<{}{mask}/Length {}>>\nstream\n", self.dict, self.data.len()).into_bytes();
        b.extend_from_slice(&self.data);
        b.extend_from_slice(b"\nendstream");
        b
    }
}

/// Decodes PNG or JPEG bytes (told apart by their signature, not by a file name).
pub(crate) fn load(bytes: &[u8]) -> Result<ImageObject, Error> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png_image(bytes)
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg_image(bytes)
    } else {
        Err(Error::Image("not a PNG or JPEG image".into()))
    }
}

fn png_image(bytes: &[u8]) -> Result<ImageObject, Error> {
    let bad = |e: png::DecodingError| Error::Image(format!("bad PNG: {e}"));
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(bad)?;
    let size = reader
        .output_buffer_size()
        .filter(|s| *s <= 256 << 20)
        .ok_or_else(|| Error::Image("PNG too large".into()))?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(bad)?;
    buf.truncate(info.buffer_size());
    let (w, h) = (info.width, info.height);
    let (color, alpha): (Vec<u8>, Option<Vec<u8>>) = match info.color_type {
        png::ColorType::Rgb => (buf, None),
        png::ColorType::Grayscale => (buf, None),
        png::ColorType::Rgba => {
            let rgb = buf.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
            (rgb, Some(buf.chunks_exact(4).map(|p| p[3]).collect()))
        }
        png::ColorType::GrayscaleAlpha => {
            let g = buf.chunks_exact(2).map(|p| p[0]).collect();
            (g, Some(buf.chunks_exact(2).map(|p| p[1]).collect()))
        }
        png::ColorType::Indexed => return Err(Error::Image("unexpanded indexed PNG".into())),
    };
    let space = if matches!(info.color_type, png::ColorType::Grayscale | png::ColorType::GrayscaleAlpha) {
        "DeviceGray"
    } else {
        "DeviceRGB"
    };
    let smask = alpha.filter(|a| a.iter().any(|&v| v != 255)).map(|a| stream(&image_dict(w, h, "DeviceGray"), &a));
    Ok(ImageObject { width: w, height: h, dict: format!("{}/Filter/FlateDecode", image_dict(w, h, space)), data: deflate(&color), smask })
}

fn image_dict(w: u32, h: u32, space: &str) -> String {
    format!("/Type/XObject/Subtype/Image/Width {w}/Height {h}/ColorSpace/{space}/BitsPerComponent 8")
}

/// Reads width, height and components from the JPEG frame header; the data stays as is.
fn jpeg_image(bytes: &[u8]) -> Result<ImageObject, Error> {
    let bad = || Error::Image("bad JPEG: no frame header".into());
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return Err(bad());
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            let f = bytes.get(i + 4..i + 10).ok_or_else(bad)?;
            let h = u32::from(u16::from_be_bytes([f[1], f[2]]));
            let w = u32::from(u16::from_be_bytes([f[3], f[4]]));
            let space = match f[5] {
                1 => "DeviceGray",
                3 => "DeviceRGB",
                4 => "DeviceCMYK",
                n => return Err(Error::Image(format!("JPEG with {n} components"))),
            };
            if w == 0 || h == 0 {
                return Err(bad());
            }
            let mut dict = format!("{}/Filter/DCTDecode", image_dict(w, h, space));
            if f[5] == 4 {
                // Adobe CMYK JPEGs are stored inverted.
                dict.push_str("/Decode[1 0 1 0 1 0 1 0]");
            }
            return Ok(ImageObject { width: w, height: h, dict, data: bytes.to_vec(), smask: None });
        }
        i += 2 + len;
    }
    Err(bad())
}
