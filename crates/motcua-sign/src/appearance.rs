//! The visible part of a signature, as Decree 30/2020 Appendix I describes
//! it: the signer's handwritten-signature image (blue, transparent PNG)
//! between the position title and the name; the agency's seal (red,
//! transparent PNG) over the left third of the signer's image, with the
//! agency's name and the signing time (ISO 8601, Vietnam offset).
//!
//! The caller places each signature (page and rectangle): the document's
//! template knows where the title and the name are. [`seal_placement`]
//! computes the seal's rectangle from the signer's.

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Utc};
use lopdf::{Dictionary, Object, Stream};
use underskrift::visual::font::{
    build_tounicode_cmap, embedded_ascent_1000, embedded_descent_1000, embedded_string_width, encode_cid_text,
    prepare_embedded_font,
};
use underskrift::{ImageFormat, prepare_image};

use crate::SignError;

/// Liberation Serif Regular, the font motcua-pdf embeds in the official
/// slips (it has every Vietnamese letter; its test checks that). SIL Open
/// Font License 1.1 (crates/motcua-pdf/fonts/OFL.txt), which allows
/// embedding in documents. Only the glyphs a signature uses are embedded.
const FONT: &[u8] = include_bytes!("../../motcua-pdf/fonts/LiberationSerif-Regular.ttf");
const FONT_NAME: &str = "LiberationSerif";

/// Vietnam's offset from UTC (UTC+7, no daylight saving).
pub fn vietnam_offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("7 h is a valid offset")
}

/// The signing time as the agency's signature shows it:
/// `2026-12-06T09:15:03+07:00`.
pub fn display_time(time: DateTime<Utc>) -> String {
    time.with_timezone(&vietnam_offset()).format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// A rectangle on a page in PDF points (1/72 inch), origin at the bottom
/// left of the page, as PDF measures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// Where a visible signature goes: a page (1 = the first, or
/// [`Placement::LAST_PAGE`]) and a rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    pub page: u32,
    pub rect: Rect,
}

impl Placement {
    /// The document's last page, whatever its number: the signer resolves
    /// it on the document it parses anyway, so a caller need not parse the
    /// PDF a second time only to count its pages (a result's signatures go
    /// on its last page).
    pub const LAST_PAGE: u32 = u32::MAX;
}

/// Width of the agency's text column, in points: an agency name of about
/// 40 letters on two or three lines, then the time.
pub const AGENCY_TEXT_WIDTH: f32 = 100.0;

/// The agency signature's placement over a signer's: a square seal, 1.2
/// times the height of the signer's image, whose right edge is at one third
/// of that image (so it covers its left third), centred on it vertically;
/// the rectangle then runs to the right of the signer's image and a column
/// of [`AGENCY_TEXT_WIDTH`] for the agency's name and the time, so the text
/// never covers the signature. The seal is drawn in the rectangle's left
/// square, the text in its last `AGENCY_TEXT_WIDTH` points.
pub fn seal_placement(signer: Placement) -> Placement {
    let r = signer.rect;
    let side = r.height * 1.2;
    let x = r.x + r.width / 3.0 - side;
    let y = r.y + r.height / 2.0 - side / 2.0;
    let right = (r.x + r.width + 4.0 + AGENCY_TEXT_WIDTH).max(x + side + AGENCY_TEXT_WIDTH);
    Placement { page: signer.page, rect: Rect { x, y, width: right - x, height: side } }
}

/// A PNG decoded and compressed once and kept: a seal or a signature image
/// is used for every document the agency issues, and decoding and
/// compressing it each time cost more than the RSA signature.
#[derive(Clone)]
pub struct StampImage {
    prepared: Arc<PreparedImage>,
}

struct PreparedImage {
    width: u32,
    height: u32,
    /// The image XObject, without its /SMask reference.
    image: Stream,
    /// The transparency as a soft mask, when the PNG has one.
    smask: Option<Stream>,
}

impl std::fmt::Debug for StampImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "StampImage({}x{})", self.prepared.width, self.prepared.height)
    }
}

impl StampImage {
    /// From PNG bytes (transparency kept as a soft mask).
    pub fn from_png(png: &[u8]) -> Result<Self, SignError> {
        if !png.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Err(SignError::new("image_not_png", "image", "no PNG signature"));
        }
        let img = prepare_image(png, ImageFormat::Png)
            .map_err(|e| SignError::new("image_unreadable", "image", e.to_string()))?;
        let image_dict = |cs: &str, bpc: i64| {
            let mut d = Dictionary::new();
            d.set("Type", Object::Name(b"XObject".to_vec()));
            d.set("Subtype", Object::Name(b"Image".to_vec()));
            d.set("Width", Object::Integer(i64::from(img.width)));
            d.set("Height", Object::Integer(i64::from(img.height)));
            d.set("BitsPerComponent", Object::Integer(bpc));
            d.set("ColorSpace", Object::Name(cs.as_bytes().to_vec()));
            d
        };
        let smask = img.alpha_data.as_ref().map(|alpha| compressed(image_dict("DeviceGray", 8), alpha.clone()));
        let image = compressed(image_dict(&img.color_space, i64::from(img.bits_per_component)), img.data.clone());
        Ok(Self { prepared: Arc::new(PreparedImage { width: img.width, height: img.height, image, smask }) })
    }

    fn add_to(&self, objects: &mut Vec<(lopdf::ObjectId, Object)>, alloc: &mut Alloc<'_>) -> lopdf::ObjectId {
        let mut image = self.prepared.image.clone();
        if let Some(smask) = &self.prepared.smask {
            let id = alloc(Object::Stream(smask.clone()), objects);
            image.dict.set("SMask", Object::Reference(id));
        }
        alloc(Object::Stream(image), objects)
    }
}

fn compressed(dict: Dictionary, data: Vec<u8>) -> Stream {
    let mut s = Stream::new(dict, data);
    let _ = s.compress();
    s
}

/// The agency's mark: its seal and its name, with the subset of the font
/// that the name and any signing time need, prepared once (subsetting the
/// font for each document cost as much as the signature).
#[derive(Clone)]
pub struct AgencyMark {
    seal: StampImage,
    agency_name: String,
    font: Arc<PreparedFont>,
}

impl std::fmt::Debug for AgencyMark {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AgencyMark({:?}, {:?})", self.agency_name, self.seal)
    }
}

/// Every character `display_time` writes.
const TIME_CHARS: &str = "0123456789-:+T";

impl AgencyMark {
    pub fn new(seal: StampImage, agency_name: impl Into<String>) -> Result<Self, SignError> {
        let agency_name: String = agency_name.into().split_whitespace().collect::<Vec<_>>().join(" ");
        if agency_name.is_empty() {
            return Err(SignError::new("agency_name_missing", "agency_name", "empty"));
        }
        let font = PreparedFont::new(&format!("{agency_name}{TIME_CHARS}"))?;
        Ok(Self { seal, agency_name, font: Arc::new(font) })
    }

    pub fn agency_name(&self) -> &str {
        &self.agency_name
    }
}

/// What a signature shows on the page.
#[derive(Debug, Clone)]
pub enum Appearance {
    /// No visible mark (a signature that is only in the file).
    Invisible,
    /// The signer's signature image (boxes 7a–7c of Appendix I).
    Signer { placement: Placement, image: StampImage },
    /// The agency's seal, its name and the signing time (box 8).
    Agency { placement: Placement, mark: AgencyMark },
}

impl Appearance {
    pub(crate) fn placement(&self) -> Option<Placement> {
        match self {
            Appearance::Invisible => None,
            Appearance::Signer { placement, .. } | Appearance::Agency { placement, .. } => Some(*placement),
        }
    }
}

/// The objects of an appearance: the Form XObject (last) and everything it
/// refers to, to be added to the document and written in the update.
pub(crate) struct BuiltAppearance {
    pub objects: Vec<(lopdf::ObjectId, Object)>,
    pub form: lopdf::ObjectId,
}

/// Builds the appearance's objects with ids from `next_id` upwards.
pub(crate) fn build(
    appearance: &Appearance,
    time: DateTime<Utc>,
    next_id: &mut u32,
) -> Result<Option<BuiltAppearance>, SignError> {
    let mut objects = Vec::new();
    let mut alloc = |obj: Object, objects: &mut Vec<(lopdf::ObjectId, Object)>| {
        let id = (*next_id, 0);
        *next_id += 1;
        objects.push((id, obj));
        id
    };
    let (rect, content, resources) = match appearance {
        Appearance::Invisible => return Ok(None),
        Appearance::Signer { placement, image } => {
            let r = placement.rect;
            let img = image.add_to(&mut objects, &mut alloc);
            let content = fit_image("Img0", &image.prepared, 0.0, 0.0, r.width, r.height);
            let mut xobjects = Dictionary::new();
            xobjects.set("Img0", Object::Reference(img));
            let mut res = Dictionary::new();
            res.set("XObject", Object::Dictionary(xobjects));
            (r, content, res)
        }
        Appearance::Agency { placement, mark } => {
            let r = placement.rect;
            let side = r.height.min(r.width);
            let img = mark.seal.add_to(&mut objects, &mut alloc);
            let mut content = fit_image("Img0", &mark.seal.prepared, 0.0, 0.0, side, side);
            // The text column is the rectangle's right end (beside the seal
            // when the rectangle is narrow).
            let column = AGENCY_TEXT_WIDTH.min(r.width - side).max(0.0);
            let text_x = r.width - column;
            let lines = agency_lines(&mark.agency_name, &display_time(time), column);
            let font = mark.font.add_to(&mut objects, &mut alloc);
            // Red like the seal: the agency's mark is read as one block.
            content.push_str("BT 0.8 0 0 rg\n");
            let mut y = r.height / 2.0 + (lines.len() as f32 * TEXT_LEADING) / 2.0 - TEXT_SIZE;
            for line in &lines {
                content.push_str(&format!(
                    "/F0 {TEXT_SIZE} Tf 1 0 0 1 {:.2} {:.2} Tm {} Tj\n",
                    text_x,
                    y,
                    encode_cid_text(line, &mark.font.char_to_cid)
                ));
                y -= TEXT_LEADING;
            }
            content.push_str("ET\n");
            let mut xobjects = Dictionary::new();
            xobjects.set("Img0", Object::Reference(img));
            let mut fonts = Dictionary::new();
            fonts.set("F0", Object::Reference(font));
            let mut res = Dictionary::new();
            res.set("XObject", Object::Dictionary(xobjects));
            res.set("Font", Object::Dictionary(fonts));
            (r, content, res)
        }
    };
    let mut form = Dictionary::new();
    form.set("Type", Object::Name(b"XObject".to_vec()));
    form.set("Subtype", Object::Name(b"Form".to_vec()));
    form.set("BBox", Object::Array(vec![0.into(), 0.into(), Object::Real(rect.width), Object::Real(rect.height)]));
    form.set("Resources", Object::Dictionary(resources));
    let form = alloc(Object::Stream(compressed(form, content.into_bytes())), &mut objects);
    Ok(Some(BuiltAppearance { objects, form }))
}

const TEXT_SIZE: f32 = 7.0;
const TEXT_LEADING: f32 = 8.5;

/// The agency name wrapped to `width` points, then the time.
fn agency_lines(name: &str, time: &str, width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in name.split_whitespace() {
        let candidate = if current.is_empty() { word.to_string() } else { format!("{current} {word}") };
        let w = embedded_string_width(FONT, &candidate, TEXT_SIZE).unwrap_or(f32::MAX);
        if w > width && !current.is_empty() {
            lines.push(std::mem::take(&mut current));
            current = word.to_string();
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines.push(time.to_string());
    lines
}

/// Draws an image into the box (x, y, w, h), keeping its proportions,
/// centred.
fn fit_image(name: &str, img: &PreparedImage, x: f32, y: f32, w: f32, h: f32) -> String {
    let (iw, ih) = (img.width.max(1) as f32, img.height.max(1) as f32);
    let scale = (w / iw).min(h / ih);
    let (dw, dh) = (iw * scale, ih * scale);
    let (dx, dy) = (x + (w - dw) / 2.0, y + (h - dh) / 2.0);
    format!("q {dw:.2} 0 0 {dh:.2} {dx:.2} {dy:.2} cm /{name} Do Q\n")
}

type Alloc<'a> = dyn FnMut(Object, &mut Vec<(lopdf::ObjectId, Object)>) -> lopdf::ObjectId + 'a;

/// A Type0 font (Identity-H, with a ToUnicode map so the text can be
/// copied and searched) made of the glyphs of a set of characters; its
/// objects without the references between them, which depend on the ids a
/// document gives them.
struct PreparedFont {
    file: Stream,
    descriptor: Dictionary,
    cid_font: Dictionary,
    to_unicode: Stream,
    type0: Dictionary,
    char_to_cid: Vec<(char, u16)>,
}

impl PreparedFont {
    fn new(chars: &str) -> Result<Self, SignError> {
        let prepared = prepare_embedded_font(FONT, FONT_NAME, chars)
            .map_err(|e| SignError::internal(format!("font subsetting: {e}")))?;
        let info = &prepared.info;
        let upem = i64::from(info.units_per_em.max(1));
        let scale = |v: i16| Object::Integer(i64::from(v) * 1000 / upem);

        let mut file_dict = Dictionary::new();
        file_dict.set("Length1", Object::Integer(prepared.subset_data.len() as i64));
        let file = compressed(file_dict, prepared.subset_data.clone());

        let mut descriptor = Dictionary::new();
        descriptor.set("Type", Object::Name(b"FontDescriptor".to_vec()));
        descriptor.set("FontName", Object::Name(info.name.as_bytes().to_vec()));
        descriptor.set("Flags", Object::Integer(i64::from(info.flags)));
        descriptor.set("FontBBox", Object::Array(info.bbox.iter().map(|v| scale(*v)).collect()));
        descriptor.set("ItalicAngle", Object::Real(info.italic_angle));
        descriptor.set("Ascent", Object::Integer(i64::from(embedded_ascent_1000(info))));
        descriptor.set("Descent", Object::Integer(i64::from(embedded_descent_1000(info))));
        descriptor.set("CapHeight", scale(info.cap_height));
        descriptor.set("StemV", Object::Integer(i64::from(info.stem_v)));

        let mut widths = Vec::new();
        for (cid, w) in &prepared.cid_widths {
            widths.push(Object::Integer(i64::from(*cid)));
            widths.push(Object::Array(vec![Object::Integer(i64::from(*w))]));
        }
        let mut system = Dictionary::new();
        system.set("Registry", Object::string_literal("Adobe"));
        system.set("Ordering", Object::string_literal("Identity"));
        system.set("Supplement", Object::Integer(0));
        let mut cid_font = Dictionary::new();
        cid_font.set("Type", Object::Name(b"Font".to_vec()));
        cid_font.set("Subtype", Object::Name(b"CIDFontType2".to_vec()));
        cid_font.set("BaseFont", Object::Name(info.name.as_bytes().to_vec()));
        cid_font.set("CIDSystemInfo", Object::Dictionary(system));
        cid_font.set("W", Object::Array(widths));
        cid_font.set("DW", Object::Integer(i64::from(prepared.default_width)));
        cid_font.set("CIDToGIDMap", Object::Name(b"Identity".to_vec()));

        let to_unicode = compressed(Dictionary::new(), build_tounicode_cmap(&info.name, &prepared.char_to_cid));

        let mut type0 = Dictionary::new();
        type0.set("Type", Object::Name(b"Font".to_vec()));
        type0.set("Subtype", Object::Name(b"Type0".to_vec()));
        type0.set("BaseFont", Object::Name(info.name.as_bytes().to_vec()));
        type0.set("Encoding", Object::Name(b"Identity-H".to_vec()));
        Ok(Self { file, descriptor, cid_font, to_unicode, type0, char_to_cid: prepared.char_to_cid })
    }

    /// Adds the font's objects, linked, and returns the Type0 font's id.
    fn add_to(&self, objects: &mut Vec<(lopdf::ObjectId, Object)>, alloc: &mut Alloc<'_>) -> lopdf::ObjectId {
        let file = alloc(Object::Stream(self.file.clone()), objects);
        let mut descriptor = self.descriptor.clone();
        descriptor.set("FontFile2", Object::Reference(file));
        let descriptor = alloc(Object::Dictionary(descriptor), objects);
        let mut cid_font = self.cid_font.clone();
        cid_font.set("FontDescriptor", Object::Reference(descriptor));
        let cid_font = alloc(Object::Dictionary(cid_font), objects);
        let to_unicode = alloc(Object::Stream(self.to_unicode.clone()), objects);
        let mut type0 = self.type0.clone();
        type0.set("DescendantFonts", Object::Array(vec![Object::Reference(cid_font)]));
        type0.set("ToUnicode", Object::Reference(to_unicode));
        alloc(Object::Dictionary(type0), objects)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_time_is_iso_8601_in_vietnam() {
        let t = Utc.with_ymd_and_hms(2026, 12, 6, 2, 15, 3).unwrap();
        assert_eq!(display_time(t), "2026-12-06T09:15:03+07:00");
    }

    #[test]
    fn the_seal_covers_the_left_third_of_the_signers_image() {
        let signer = Placement { page: 2, rect: Rect { x: 300.0, y: 500.0, width: 150.0, height: 50.0 } };
        let seal = seal_placement(signer);
        assert_eq!(seal.page, 2);
        let side = seal.rect.height;
        let close = |a: f32, b: f32| (a - b).abs() < 0.01;
        assert!(close(side, 60.0));
        // The seal square's right edge is a third into the image.
        assert!(close(seal.rect.x + side, 350.0));
        // Centred vertically on the image.
        assert!(close(seal.rect.y + side / 2.0, 525.0));
        // The text column lies right of the image.
        assert!(seal.rect.x + seal.rect.width - AGENCY_TEXT_WIDTH >= 450.0);
    }

    #[test]
    fn the_font_has_every_vietnamese_letter() {
        let lower = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ";
        let all = format!("{lower}{}0123456789:-+T", lower.to_uppercase());
        let font = prepare_embedded_font(FONT, FONT_NAME, &all).unwrap();
        let missing: String = font.char_to_cid.iter().filter(|(_, cid)| *cid == 0).map(|(c, _)| *c).collect();
        assert!(missing.is_empty(), "no glyph for {missing:?}");
    }

    #[test]
    fn a_long_agency_name_wraps_within_the_column() {
        let lines = agency_lines(
            "Ủy ban nhân dân phường Thục Phán, tỉnh Cao Bằng",
            "2026-12-06T09:15:03+07:00",
            AGENCY_TEXT_WIDTH,
        );
        assert!(lines.len() >= 3, "{lines:?}");
        for line in &lines[..lines.len() - 1] {
            assert!(embedded_string_width(FONT, line, TEXT_SIZE).unwrap() <= AGENCY_TEXT_WIDTH, "{line}");
        }
        assert_eq!(lines.last().unwrap(), "2026-12-06T09:15:03+07:00");
    }

    #[test]
    fn only_png_images_are_accepted() {
        assert_eq!(StampImage::from_png(b"GIF89a").unwrap_err().code, "image_not_png");
        assert_eq!(StampImage::from_png(b"\x89PNG\r\n\x1a\nbroken").unwrap_err().code, "image_unreadable");
    }
}
