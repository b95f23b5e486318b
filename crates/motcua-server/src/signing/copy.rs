//! The agency's signature on a digitised component (số hóa): the scan of a
//! paper original becomes its electronic copy once the unit's agency key
//! signs it. Decree 30/2020/NĐ-CP (Appendix I, after Circular 01/2019/TT-BNV
//! Art. 6.2.c) puts that signature's seal at the top right of the first
//! page, with no signer's image: docs/signatures.md, "Digitised components".

use chrono::{DateTime, Utc};
use motcua_sign::{Placement, Rect, seal_placement};

use super::Signing;
use crate::error::ApiError;

/// The page margin the mark keeps, in points (20 mm, as on a result).
const MARGIN: f32 = 57.0;

impl Signing {
    /// The agency signature of the unit coded `unit_code` on the scan
    /// `pdf`, its seal and name at the top right of page 1 (time-stamped
    /// like a result's when a time-stamp authority is configured).
    pub async fn copy_sign(&self, unit_code: &str, pdf: Vec<u8>, now: DateTime<Utc>) -> Result<Vec<u8>, ApiError> {
        self.sign_as_agency(unit_code, "file", pdf, now, |pdf| {
            let limits = motcua_sign::Limits { max_pdf_bytes: crate::signatures::MAX_PDF };
            let (width, height) = motcua_sign::first_page_size(pdf, limits)?;
            Ok(top_right(width, height))
        })
        .await
    }
}

/// The agency mark's box at the top right of a `width` × `height` page 1:
/// the same box as over a signer's image, moved into the corner.
fn top_right(width: f32, height: f32) -> Placement {
    let mark = seal_placement(Placement { page: 1, rect: Rect { x: 0.0, y: 0.0, width: 150.0, height: 56.0 } }).rect;
    let x = (width - MARGIN - mark.width).max(0.0);
    let y = (height - MARGIN - mark.height).max(0.0);
    Placement { page: 1, rect: Rect { x, y, width: mark.width, height: mark.height } }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mark_sits_inside_the_top_right_corner_of_an_a4_page() {
        let p = top_right(595.0, 842.0);
        assert_eq!(p.page, 1);
        assert!((p.rect.x + p.rect.width - (595.0 - MARGIN)).abs() < 0.01, "{p:?}");
        assert!((p.rect.y + p.rect.height - (842.0 - MARGIN)).abs() < 0.01, "{p:?}");
        // The seal and the agency's name fit between the margins.
        assert!(p.rect.x > MARGIN && p.rect.width > p.rect.height, "{p:?}");
    }
}
