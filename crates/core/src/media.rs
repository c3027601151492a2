//! Photos and supporting documents: what is accepted and how it is stored.
//!
//! Photos are decoded, centre-cropped to a square, resized to 256 px and stored as
//! JPEG, so a 10 MB camera image becomes a ~15 kB avatar. Documents are checked by
//! their content (magic bytes), not their name.

use base64::Engine;
use image::{imageops::FilterType, DynamicImage, ImageFormat, ImageReader, Rgb, RgbImage};
use mentordesk_shared::ApiError;
use std::io::Cursor;

pub const PHOTO_MAX_BYTES: usize = 10 * 1024 * 1024;
pub const DOCUMENT_MAX_BYTES: usize = 5 * 1024 * 1024;
pub const AVATAR_SIZE: u32 = 256;

/// Decodes a base64 upload, refusing anything over `max` bytes before decoding it whole.
pub fn decode_upload(base64_text: &str, max: usize, field: &str) -> Result<Vec<u8>, ApiError> {
    let text = base64_text.trim();
    // Strip a `data:…;base64,` prefix if the UI sent a data URL.
    let text = text.split_once(";base64,").map_or(text, |(_, b)| b);
    if text.is_empty() {
        return Err(ApiError::field(field, "Choose a file."));
    }
    if text.len() / 4 * 3 > max + 3 {
        return Err(ApiError::field(field, too_large(max)));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(|_| ApiError::field(field, "The file could not be read."))?;
    if bytes.len() > max {
        return Err(ApiError::field(field, too_large(max)));
    }
    Ok(bytes)
}

fn too_large(max: usize) -> String {
    format!(
        "The file is too large: the limit is {} MB.",
        max / (1024 * 1024)
    )
}

/// Turns an uploaded image into the stored avatar (256×256 JPEG).
pub fn avatar_from_upload(bytes: &[u8]) -> Result<Vec<u8>, ApiError> {
    let not_image = || ApiError::field("photo", "Choose a PNG, JPEG, GIF or WebP image.");
    let format = image::guess_format(bytes).map_err(|_| not_image())?;
    if !matches!(
        format,
        ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::WebP
    ) {
        return Err(not_image());
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let image = reader
        .decode()
        .map_err(|_| ApiError::field("photo", "This image is damaged or too large to open."))?;
    encode_avatar(square(image))
}

fn square(image: DynamicImage) -> DynamicImage {
    let side = image.width().min(image.height());
    let x = (image.width() - side) / 2;
    let y = (image.height() - side) / 2;
    image
        .crop_imm(x, y, side, side)
        .resize_exact(AVATAR_SIZE, AVATAR_SIZE, FilterType::CatmullRom)
}

fn encode_avatar(image: DynamicImage) -> Result<Vec<u8>, ApiError> {
    // Flatten transparency onto white: JPEG has no alpha.
    let rgba = image.to_rgba8();
    let mut rgb = RgbImage::new(rgba.width(), rgba.height());
    for (x, y, p) in rgba.enumerate_pixels() {
        let a = p[3] as u32;
        let blend = |c: u8| ((c as u32 * a + 255 * (255 - a)) / 255) as u8;
        rgb.put_pixel(x, y, Rgb([blend(p[0]), blend(p[1]), blend(p[2])]));
    }
    let mut out = Cursor::new(Vec::new());
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
    encoder
        .encode_image(&rgb)
        .map_err(|e| ApiError::internal(format!("Could not encode the photo: {e}")))?;
    Ok(out.into_inner())
}

/// A stored avatar as a `data:` URL for the UI.
pub fn avatar_data_url(jpeg: &[u8]) -> String {
    format!(
        "data:image/jpeg;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(jpeg)
    )
}

/// A supporting document that passed the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedDocument {
    pub media_type: &'static str,
    pub extension: &'static str,
    pub file_name: String,
}

/// Accepts PDF, Word (docx), OpenDocument text, PNG and JPEG, judged by content.
pub fn check_document(file_name: &str, bytes: &[u8]) -> Result<CheckedDocument, ApiError> {
    let kind = infer::get(bytes).map(|k| k.mime_type());
    let (media_type, extension) = match kind {
        Some("application/pdf") => ("application/pdf", "pdf"),
        Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document") => (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        Some("application/vnd.oasis.opendocument.text") => {
            ("application/vnd.oasis.opendocument.text", "odt")
        }
        Some("image/png") => ("image/png", "png"),
        Some("image/jpeg") => ("image/jpeg", "jpg"),
        _ => {
            return Err(ApiError::field(
                "document",
                "Attach a PDF, Word or OpenDocument file, or a PNG/JPEG scan.",
            ))
        }
    };
    let base = std::path::Path::new(file_name.trim())
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("document")
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect::<String>();
    let file_name = if base.is_empty() {
        format!("document.{extension}")
    } else {
        base
    };
    Ok(CheckedDocument {
        media_type,
        extension,
        file_name,
    })
}

/// A symmetric 5×5 pattern avatar (like GitHub's identicons), for demo people.
pub fn identicon(seed: &str) -> Result<Vec<u8>, ApiError> {
    use sha2::{Digest, Sha256};
    let hash = Sha256::digest(seed.as_bytes());
    let hue = (hash[0] as f32 / 255.0) * 360.0;
    let fg = hsl(hue, 0.55, 0.45);
    let bg = hsl(hue, 0.35, 0.93);
    let cell = AVATAR_SIZE / 6;
    let margin = (AVATAR_SIZE - cell * 5) / 2;
    let mut img = RgbImage::from_pixel(AVATAR_SIZE, AVATAR_SIZE, Rgb(bg));
    for row in 0..5u32 {
        for col in 0..3u32 {
            let bit = hash[1 + (row * 3 + col) as usize] & 1 == 1;
            if !bit {
                continue;
            }
            for mirror in [col, 4 - col] {
                for y in 0..cell {
                    for x in 0..cell {
                        img.put_pixel(margin + mirror * cell + x, margin + row * cell + y, Rgb(fg));
                    }
                }
            }
        }
    }
    encode_avatar(DynamicImage::ImageRgb8(img))
}

fn hsl(h: f32, s: f32, l: f32) -> [u8; 3] {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let x = c * (1.0 - ((h / 60.0) % 2.0 - 1.0).abs());
    let m = l - c / 2.0;
    let (r, g, b) = match (h / 60.0) as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let to = |v: f32| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    [to(r), to(g), to(b)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = RgbImage::from_pixel(width, height, Rgb([10, 120, 200]));
        let mut out = Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(img)
            .write_to(&mut out, ImageFormat::Png)
            .unwrap();
        out.into_inner()
    }

    #[test]
    fn photos_become_square_256px_jpegs() {
        let avatar = avatar_from_upload(&png(800, 600)).unwrap();
        let decoded = image::load_from_memory(&avatar).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (256, 256));
        assert_eq!(image::guess_format(&avatar).unwrap(), ImageFormat::Jpeg);
    }

    #[test]
    fn a_non_image_photo_is_rejected_on_the_photo_field() {
        let err = avatar_from_upload(b"%PDF-1.7 not an image").unwrap_err();
        assert!(err.field_message("photo").is_some());
    }

    #[test]
    fn oversized_uploads_are_refused_before_decoding() {
        use base64::Engine;
        let big =
            base64::engine::general_purpose::STANDARD.encode(vec![0u8; DOCUMENT_MAX_BYTES + 1]);
        let err = decode_upload(&big, DOCUMENT_MAX_BYTES, "document").unwrap_err();
        assert!(err.field_message("document").unwrap().contains("5 MB"));
    }

    #[test]
    fn documents_are_judged_by_content() {
        let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n";
        let ok = check_document("../../cv.pdf", pdf).unwrap();
        assert_eq!(ok.media_type, "application/pdf");
        assert_eq!(ok.file_name, "cv.pdf");
        assert!(check_document("cv.pdf", b"MZ\x90\x00 an executable").is_err());
    }

    #[test]
    fn identicons_differ_by_seed() {
        let a = identicon("ada@example.com").unwrap();
        let b = identicon("grace@example.com").unwrap();
        assert_ne!(a, b);
        assert_eq!(image::load_from_memory(&a).unwrap().width(), 256);
    }
}
