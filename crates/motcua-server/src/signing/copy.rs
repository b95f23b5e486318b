//! The agency's signature on a digitised component (số hóa): the scan of a
//! paper original becomes its electronic copy once the unit's agency key
//! signs it. Decree 30/2020/NĐ-CP (Appendix I, after Circular 01/2019/TT-BNV
//! Art. 6.2.c) puts that signature's seal at the top right of the first
//! page, with no signer's image: docs/signatures.md, "Digitised components".

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use motcua_sign::{Appearance, Placement, Rect, SignRequest, SignatureRole, seal_placement};

use super::{Signing, signing_refused};
use crate::error::ApiError;

/// The page margin the mark keeps, in points (20 mm, as on a result).
const MARGIN: f32 = 57.0;

impl Signing {
    /// The agency signature of the unit coded `unit_code` on the scan
    /// `pdf`, its seal and name at the top right of page 1.
    pub async fn copy_sign(&self, unit_code: &str, pdf: Vec<u8>, now: DateTime<Utc>) -> Result<Vec<u8>, ApiError> {
        let key = self.agencies.get(unit_code).cloned().ok_or_else(|| {
            ApiError::coded(StatusCode::CONFLICT, "agency_key_missing", Some("file")).arg("unit", unit_code)
        })?;
        tokio::task::spawn_blocking(move || {
            let limits = motcua_sign::Limits { max_pdf_bytes: crate::signatures::MAX_PDF };
            let (width, height) = motcua_sign::first_page_size(&pdf, limits)?;
            let request = SignRequest::new(SignatureRole::Agency, now)
                .with_appearance(Appearance::Agency { placement: top_right(width, height), mark: key.mark.clone() });
            motcua_sign::sign_pdf(&pdf, &key.signer, &request)
        })
        .await
        .map_err(|_| ApiError::internal())?
        .map_err(signing_refused)
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
