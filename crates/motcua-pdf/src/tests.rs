//! Renders the demo slips and inspects what typst laid out.

#[path = "../examples/demo_data/mod.rs"]
mod demo_data;

use typst::layout::{Frame, FrameItem};
use typst_layout::PagedDocument;

use crate::render::{Compiled, compile};
use crate::world::FONT_FILES;
use crate::{ComponentLine, RegisterLine, Slip};

/// Every Vietnamese letter with a mark, upper case; `to_lowercase` gives the rest.
const VIETNAMESE_UPPER: &str = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ";

/// Compiles and checks what every slip must satisfy: no warnings, the expected page count.
fn compiled(slip: &Slip, pages: usize) -> PagedDocument {
    let Compiled { document, warnings } = compile(slip).unwrap();
    assert!(warnings.is_empty(), "typst warned: {warnings:?}");
    assert_eq!(document.pages().len(), pages, "page count of {}", slip.title_vi());
    document
}

fn collect_text(frame: &Frame, out: &mut String) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => collect_text(&group.frame, out),
            FrameItem::Text(text) => {
                out.push_str(&text.text);
                out.push(' ');
            }
            _ => {}
        }
    }
}

/// All the text typst laid out, in frame order.
pub(crate) fn text_of(document: &PagedDocument) -> String {
    let mut out = String::new();
    for page in document.pages() {
        collect_text(&page.frame, &mut out);
    }
    out
}

/// Whitespace-insensitive containment: lines wrap and style runs split words apart.
#[track_caller]
pub(crate) fn assert_shows(text: &str, expected: &str) {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert!(squash(text).contains(&squash(expected)), "missing {expected:?} in:\n{text}");
}

/// The glyph ids typst chose, paired with the text they were shaped from.
fn glyphs(frame: &Frame, out: &mut Vec<(u16, String)>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => glyphs(&group.frame, out),
            FrameItem::Text(text) => out.extend(text.glyphs.iter().map(|g| (g.id, text.text.to_string()))),
            _ => {}
        }
    }
}

fn with_name(slip: Slip, name: &str) -> Slip {
    let mut slip = slip;
    match &mut slip {
        Slip::Receipt(s) => s.common.applicant.name = name.into(),
        Slip::SupplementRequest(s) => s.common.applicant.name = name.into(),
        Slip::Refusal(s) => s.common.applicant.name = name.into(),
        Slip::Apology(s) => s.common.applicant.name = name.into(),
        Slip::Handover(s) => s.common.applicant.name = name.into(),
        Slip::ControlSheet(s) => s.common.applicant.name = name.into(),
    }
    slip
}

const HEADING: [&str; 6] = [
    "UBND XÃ XUÂN KHANH",
    "BỘ PHẬN MỘT CỬA",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: H11.100-260304-0001",
    "(Ký và ghi rõ họ tên)",
];

#[test]
fn every_slip_is_a_one_page_pdf_with_heading_title_and_form_number() {
    for slip in demo_data::all() {
        let pdf = slip.render().unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "{} is not a PDF", slip.title_vi());
        assert!(pdf.len() > 10_000, "fonts are embedded");
        let text = text_of(&compiled(&slip, 1));
        for expected in HEADING.iter().chain([&slip.title_vi(), &slip.form_number()]) {
            assert_shows(&text, expected);
        }
        // The applicant's particulars are printed: the slip is for them.
        for expected in ["Nguyễn Thị Thu Hương", "Trần Văn Đức", "Đăng ký khai sinh", "1.001193"] {
            assert_shows(&text, expected);
        }
    }
}

#[test]
fn receipt_shows_components_appointment_and_signatures() {
    let slip = demo_data::receipt();
    let text = text_of(&compiled(&slip, 1));
    for expected in [
        "Xuân Khanh, ngày 04 tháng 3 năm 2026",
        "Mã hồ sơ: H11.100-260304-0001",
        "Tiếp nhận hồ sơ của: Nguyễn Thị Thu Hương",
        "Số định danh cá nhân/CCCD: 001190012345",
        "Địa chỉ: Số 12, ngõ 34, thôn Phú Nhi, xã Xuân Khanh, thành phố Hà Nội",
        "Số điện thoại: 0912 345 678",
        "Email: huong.nguyen@example.vn",
        "Hình thức nộp hồ sơ: Trực tiếp",
        "STT Tên giấy tờ Hình thức (bản chính/bản sao) Số lượng",
        "1 Tờ khai đăng ký khai sinh Bản chính 01",
        "3 Giấy chứng nhận kết hôn của cha, mẹ Bản sao 01",
        "Thời gian nhận hồ sơ: 08 giờ 15 phút, ngày 04/03/2026",
        "Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 05/03/2026",
        "Đăng ký nhận kết quả tại: Bộ phận Một cửa UBND xã Xuân Khanh",
        "Quét mã để tra cứu tình trạng hồ sơ",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
    ] {
        assert_shows(&text, expected);
    }
}

#[test]
fn supplement_request_lists_what_to_add_and_why() {
    let text = text_of(&compiled(&demo_data::supplement(), 1));
    for expected in [
        "Hồ sơ của: Nguyễn Thị Thu Hương",
        "Thời gian tiếp nhận hồ sơ: 08 giờ 15 phút, ngày 04/03/2026",
        "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:",
        "1. Bổ sung bản sao Giấy chứng nhận kết hôn của cha, mẹ.",
        "2. Kê khai lại Tờ khai đăng ký khai sinh",
        "Lý do: Hồ sơ chưa đủ thành phần",
        "NGƯỜI HƯỚNG DẪN",
    ] {
        assert_shows(&text, expected);
    }
}

#[test]
fn refusal_gives_the_reason() {
    let text = text_of(&compiled(&demo_data::refusal(), 1));
    for expected in [
        "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
        "không thuộc thẩm quyền giải quyết của UBND xã Xuân Khanh.",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
    ] {
        assert_shows(&text, expected);
    }
}

#[test]
fn apology_gives_dates_reason_fault_and_new_date() {
    let text = text_of(&compiled(&demo_data::apology(), 1));
    for expected in [
        "Xuân Khanh, ngày 05 tháng 3 năm 2026",
        "Kính gửi: Ông/Bà Nguyễn Thị Thu Hương",
        "Ngày 04/03/2026",
        "Thời gian hẹn trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 05/03/2026",
        "Lý do: Hệ thống cơ sở dữ liệu hộ tịch điện tử gặp sự cố",
        "Công chức Tư pháp - Hộ tịch UBND xã Xuân Khanh",
        "thành thật xin lỗi Ông/Bà",
        "10 giờ 00 phút, ngày 09/03/2026",
        "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
        "(Ký, ghi rõ họ tên và đóng dấu)",
    ] {
        assert_shows(&text, expected);
    }
}

#[test]
fn user_text_is_shown_literally_never_as_markup_or_code() {
    let name = r#"Nguyễn *Văn* #A [x] $y$ \"z\" _u_ `r` <l> @ref // c"#;
    let code = r#"#panic("injected") ]; #read("/etc/passwd") ") #{ }"#;
    let mut slip = with_name(demo_data::refusal(), name);
    if let Slip::Refusal(r) = &mut slip {
        r.reason = code.into();
        r.common.applicant.address = Some(r"Thôn \ #2, *ngõ* [3]".into());
    }
    let text = text_of(&compiled(&slip, 1));
    assert_shows(&text, &format!("Tiếp nhận hồ sơ của: {name}"));
    assert_shows(&text, code);
    assert_shows(&text, r"Địa chỉ: Thôn \ #2, *ngõ* [3]");
    assert!(slip.render().unwrap().starts_with(b"%PDF-"));

    // The same text in the other slips' fields, including the receipt's table and the QR caption.
    let mut receipt = with_name(demo_data::receipt(), name);
    if let Slip::Receipt(r) = &mut receipt {
        r.components = vec![ComponentLine { name: code.into(), count: 2, kind: "*Bản* #sao".into() }];
        r.return_place = code.into();
    }
    let text = text_of(&compiled(&receipt, 1));
    assert_shows(&text, &format!("1 {code} *Bản* #sao 02"));
    assert_shows(&text, &format!("Đăng ký nhận kết quả tại: {code}"));
}

#[test]
fn embedded_fonts_have_every_vietnamese_letter() {
    let letters: String = [VIETNAMESE_UPPER.to_owned(), VIETNAMESE_UPPER.to_lowercase()].concat();
    assert_eq!(letters.chars().count(), 2 * 67);
    for data in FONT_FILES {
        let face = ttf_parser::Face::parse(data, 0).unwrap();
        let missing: String = letters.chars().filter(|&c| face.glyph_index(c).is_none()).collect();
        assert!(missing.is_empty(), "{:?} lacks {missing}", face.names().into_iter().find_map(|n| n.to_string()));
    }
}

#[test]
fn vietnamese_letters_are_laid_out_with_real_glyphs_in_bold_regular_and_italic() {
    let upper = VIETNAMESE_UPPER;
    let lower = VIETNAMESE_UPPER.to_lowercase();
    // Also in decomposed form (NFD: base letter + combining marks), as some keyboards type it.
    let nfd = "Nguye\u{302}\u{303}n Thi\u{323} Thu Hu\u{31b}o\u{31b}\u{300}ng";
    // On the apology the name is bold, the reason regular and the place (in the date line) italic;
    // the bold italic face is not used by the templates and is checked by its cmap above.
    let mut slip = with_name(demo_data::apology(), &format!("{upper} {lower} {nfd}"));
    if let Slip::Apology(a) = &mut slip {
        a.reason = format!("{lower} {upper}");
        a.common.agency.place = format!("{upper} {lower}");
    }
    let document = compiled(&slip, 1);
    let text = text_of(&document);
    assert_shows(&text, upper);
    assert_shows(&text, &lower);
    let mut shaped = Vec::new();
    for page in document.pages() {
        glyphs(&page.frame, &mut shaped);
    }
    let notdef: Vec<&String> = shaped.iter().filter(|(id, _)| *id == 0).map(|(_, text)| text).collect();
    assert!(notdef.is_empty(), "tofu (glyph 0) in {notdef:?}");
}

#[test]
fn the_receipt_qr_code_on_the_page_decodes_to_the_lookup_url() {
    let document = compiled(&demo_data::receipt(), 1);
    let pixmap = typst_render::render(&document.pages()[0], &typst_render::RenderOptions::default());
    let (width, height) = (pixmap.width() as usize, pixmap.height() as usize);
    let rgba = pixmap.data();
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
        let px = &rgba[(y * width + x) * 4..][..4];
        // Transparent background is white paper.
        if px[3] == 0 { 255 } else { px[0] }
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the receipt");
    let (_, url) = grids[0].decode().unwrap();
    assert_eq!(url, demo_data::LOOKUP_URL);
}

#[test]
fn receipt_without_components_says_so_and_long_lists_flow_to_a_second_page() {
    let mut slip = demo_data::receipt();
    let Slip::Receipt(r) = &mut slip else { unreachable!() };
    r.components.clear();
    assert_shows(&text_of(&compiled(&slip, 1)), "Không có giấy tờ kèm theo");

    let Slip::Receipt(r) = &mut slip else { unreachable!() };
    r.components = (1..=30)
        .map(|i| ComponentLine { name: format!("Giấy tờ thứ {i}"), count: 1, kind: "Bản sao".into() })
        .collect();
    let document = compiled(&slip, 2);
    let text = text_of(&document);
    assert_shows(&text, "30 Giấy tờ thứ 30 Bản sao 01");
    // The signatures are never split from each other.
    let mut last_page = String::new();
    collect_text(&document.pages()[1].frame, &mut last_page);
    assert_shows(&last_page, "NGƯỜI NỘP HỒ SƠ");
    assert_shows(&last_page, "NGƯỜI TIẾP NHẬN HỒ SƠ");
}

#[test]
fn file_names_are_ascii_and_name_the_slip() {
    let names: Vec<String> = demo_data::all().iter().map(Slip::file_name).collect();
    assert_eq!(
        names,
        [
            "giay-tiep-nhan-H11.100-260304-0001.pdf",
            "phieu-yeu-cau-bo-sung-H11.100-260304-0001.pdf",
            "phieu-tu-choi-H11.100-260304-0001.pdf",
            "phieu-xin-loi-H11.100-260304-0001.pdf",
        ]
    );
    assert!(names.iter().all(|n| n.is_ascii()));
}

#[test]
fn renders_are_independent_and_repeatable() {
    let a = demo_data::receipt().render().unwrap();
    let other = with_name(demo_data::receipt(), "Lê Văn Bình").render().unwrap();
    let b = demo_data::receipt().render().unwrap();
    assert_eq!(a, b, "same slip, same bytes");
    assert_ne!(a, other);
}

#[test]
fn receipt_names_the_officer_and_the_counter_phone() {
    let text = text_of(&compiled(&demo_data::receipt(), 1));
    assert_shows(&text, "Cán bộ tiếp nhận: Trần Văn Đức. Số điện thoại liên hệ: 024 3381 2345.");
    let text = text_of(&compiled(&demo_data::supplement(), 1));
    assert_shows(&text, "liên hệ với cán bộ Trần Văn Đức (số điện thoại 024 3381 2345) để được hướng dẫn");
}

#[test]
fn handover_slip_gives_the_times_the_result_and_both_signatures() {
    let slip = demo_data::handover();
    let text = text_of(&compiled(&slip, 1));
    for expected in [
        "PHIẾU BÀN GIAO KẾT QUẢ GIẢI QUYẾT HỒ SƠ",
        "Mã hồ sơ: H11.100-260304-0001",
        "Người nhận kết quả (chủ hồ sơ): Nguyễn Thị Thu Hương",
        "Thời gian hẹn trả kết quả: 17 giờ 00 phút, ngày 05/03/2026",
        "Thời gian trả kết quả: 14 giờ 10 phút, ngày 05/03/2026 (Đúng hạn).",
        "Kết quả giải quyết: Giấy khai sinh (bản chính)",
        "Số điện thoại liên hệ của Bộ phận Một cửa: 024 3381 2345",
        "NGƯỜI NHẬN KẾT QUẢ",
        "NGƯỜI TRẢ KẾT QUẢ",
    ] {
        assert_shows(&text, expected);
    }
    assert_eq!(slip.file_name(), "phieu-ban-giao-ket-qua-H11.100-260304-0001.pdf");
}

#[test]
fn control_sheet_has_a_row_per_hand_over() {
    let slip = demo_data::control_sheet();
    let text = text_of(&compiled(&slip, 1));
    for expected in [
        "Mẫu số 06",
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        "Kèm theo hồ sơ của: Nguyễn Thị Thu Hương",
        "TÊN CƠ QUAN",
        "THỜI GIAN GIAO, NHẬN HỒ SƠ",
        "1. Giao: Bộ phận Một cửa 2. Nhận: Công chức Tư pháp - Hộ tịch",
        "08 giờ 40 phút, ngày 04/03/2026 Người giao: Trần Văn Đức Người nhận: Lê Thị Mai Đúng hạn",
        "Người giao: Phạm Văn Hùng Người nhận: Trần Văn Đức Quá hạn",
    ] {
        assert_shows(&text, expected);
    }
}

#[test]
fn register_is_a_landscape_book_with_a_line_per_dossier() {
    let register = demo_data::register();
    let compiled = crate::render::compile_template("register.typ", &register.data(), None).unwrap();
    assert!(compiled.warnings.is_empty(), "{:?}", compiled.warnings);
    let page = &compiled.document.pages()[0];
    assert!(page.frame.width() > page.frame.height(), "landscape");
    let text = text_of(&compiled.document);
    for expected in [
        "Mẫu số 07",
        "SỔ THEO DÕI HỒ SƠ",
        "Từ ngày 01/03/2026 đến ngày 31/03/2026",
        "STT Mã hồ sơ Tên thủ tục hành chính",
        "Nhận hồ sơ",
        "Chuyển hồ sơ đến cơ quan giải quyết",
        "Trả kết quả",
        "1 H11.100-260304-0001 Đăng ký khai sinh Nguyễn Thị Thu Hương",
        "2 H11.100-260304-0002",
        "08:40 04/03/2026 Công chức Tư pháp - Hộ tịch",
    ] {
        assert_shows(&text, expected);
    }
    assert!(register.render().unwrap().starts_with(b"%PDF-"));
    assert_eq!(register.file_name("H11.100"), "so-theo-doi-ho-so-H11.100-2026-03-01-2026-03-31.pdf");

    // A long period flows onto more pages, the headings repeated on each.
    let mut long = register.clone();
    long.lines = (1..=60).map(|n| RegisterLine { number: n, ..register.lines[0].clone() }).collect();
    let compiled = crate::render::compile_template("register.typ", &long.data(), None).unwrap();
    assert!(compiled.document.pages().len() > 1);
    let mut last = String::new();
    collect_text(&compiled.document.pages().last().unwrap().frame, &mut last);
    assert_shows(&last, "Mã hồ sơ");
    assert_shows(&last, "60 H11.100-260304-0001");
}
