//! The receipt's QR code: the public look-up URL as an SVG image.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

use crate::PdfError;

/// The QR code of `url`. Level M survives a crease or a smudge on paper and
/// keeps the code small enough for a 2.5 cm square.
pub(crate) fn code(url: &str) -> Result<QrCode, PdfError> {
    QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)
        .map_err(|err| PdfError::Qr { reason: err.to_string() })
}

/// `code` as an SVG document, one unit per module, with no quiet zone (the
/// template leaves white space around it).
pub(crate) fn svg(code: &QrCode) -> String {
    code.render::<svg::Color<'_>>().quiet_zone(false).module_dimensions(1, 1).build()
}

/// The QR code of `url` as an SVG image at least `size` pixels wide, with
/// its quiet zone, for a screen or a printed page of survey links.
pub fn qr_svg(url: &str, size: u32) -> Result<String, PdfError> {
    Ok(code(url)?.render::<svg::Color<'_>>().min_dimensions(size, size).build())
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://motcua.example.gov.vn/tra-cuu?ma=H11.100-260304-0001";

    #[test]
    fn a_screen_image_has_its_size_and_quiet_zone() {
        let image = qr_svg(URL, 160).unwrap();
        assert!(image.contains("<svg") && image.ends_with("</svg>"));
        let width: u32 = image.split("width=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
        assert!(width >= 160, "at least the size asked: {width}");
        assert_ne!(image, svg(&code(URL).unwrap()), "not the slip's image without a quiet zone");
    }

    #[test]
    fn svg_is_made_from_the_url() {
        let qr = code(URL).unwrap();
        let image = svg(&qr);
        assert!(image.contains("<svg") && image.ends_with("</svg>"));
        let side = qr.width();
        assert!(image.contains(&format!(r#"viewBox="0 0 {side} {side}""#)), "one SVG unit per module");
        // A different URL gives a different picture.
        assert_ne!(image, svg(&code("https://motcua.example.gov.vn/tra-cuu?ma=X").unwrap()));
    }

    #[test]
    fn the_modules_decode_back_to_the_url() {
        let qr = code(URL).unwrap();
        let side = qr.width();
        let colors = qr.to_colors();
        let grid = rqrr::SimpleGrid::from_func(side, |x, y| colors[y * side + x] == qrcode::Color::Dark);
        let (_, text) = rqrr::Grid::new(grid).decode().unwrap();
        assert_eq!(text, URL);
    }

    #[test]
    fn an_overlong_url_is_an_error_without_the_url() {
        let url = format!("https://x/{}", "9".repeat(8000));
        let Err(err) = code(&url) else { panic!("an 8000-digit URL fits in no QR code") };
        assert!(matches!(err, PdfError::Qr { .. }));
        assert!(!err.to_string().contains("999"));
    }
}
