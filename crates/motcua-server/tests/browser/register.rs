//! The unit's register of dossiers in a real browser (issue 11): a counter
//! officer finds it in the menu, narrows it to a period and to the results
//! returned, prints it (a landscape PDF) and downloads it for Excel (the
//! dossier's code in its row); opens a returned dossier and prints the
//! hand-over of the result and the control sheet; an administrator sets
//! the counter's telephone and hours; in Vietnamese and in English, at
//! desktop and phone width.

use calamine::{Data, Reader};

use crate::harness::Browser;

/// The pages of a PDF as (width, height) in points; fails unless it parses.
fn pdf_pages(bytes: &[u8]) -> Vec<(f32, f32)> {
    let pdf = hayro_syntax::Pdf::new(bytes.to_vec()).expect("a PDF that parses");
    pdf.pages().iter().map(|p| p.base_dimensions()).collect()
}

/// Sets a date input the way a date picker does (typing into one depends on
/// the browser's locale).
async fn set_date(b: &Browser, id: &str, day: &str) {
    b.js(&format!("document.getElementById('{id}').value = '{day}';")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_register_is_found_filtered_printed_and_exported_and_the_result_handed_over() {
    let Some(mut b) = Browser::start("register").await else { return };
    // Today's dossier, received, handled and its result returned; another only received.
    let app = &b.app;
    let (counter, specialist, leader) =
        (app.login("motcua").await, app.login("chuyenvien").await, app.login("lanhdao").await);
    let returned = app.counter_intake().await["code"].as_str().unwrap().to_owned();
    for (who, action) in
        [(&counter, "forward"), (&specialist, "forward"), (&leader, "finish"), (&counter, "return_result")]
    {
        app.act_ok(who, &returned, action, None).await;
    }
    let open = app.counter_intake().await["code"].as_str().unwrap().to_owned();
    b.login_as("motcua").await;

    // 1. Found in the menu; it opens on the current month.
    b.submit("nav.main a[href='/office/register']").await;
    let text = b.wait_for_text("Sổ theo dõi hồ sơ").await;
    assert!(text.contains(&returned) && text.contains(&open), "both of today's dossiers: {text}");
    assert_eq!(b.attr("#r-from", "value").await.as_deref(), Some("2026-03-01"));
    assert_eq!(b.attr("#r-to", "value").await.as_deref(), Some("2026-03-04"));

    // 2. Today, results returned: only the returned one, number 1.
    set_date(&b, "r-from", "2026-03-04").await;
    b.select("r-status", "returned").await;
    b.press("Xem sổ").await;
    let text = b.wait_for_text("Hồ sơ 1–1 trên tổng số 1").await;
    assert!(!text.contains(&open), "the open one is filtered out: {text}");
    let code = b.text_of("table.register tbody tr:first-child td:nth-child(2) a").await;
    assert_eq!(code, returned);
    assert_eq!(b.text_of("table.register tbody tr:first-child td:first-child").await, "1");
    b.shot("register").await;
    b.check_phone("register").await;

    // 3. Printed: a landscape A4 PDF.
    let href = b.attr("#register-pdf", "href").await.expect("the print link");
    assert!(href.contains("from=2026-03-04") && href.contains("status=returned"), "{href}");
    let pdf = b.download(&href).await;
    assert_eq!((pdf.status, pdf.content_type.as_str()), (200, "application/pdf"));
    let pages = pdf_pages(&pdf.bytes);
    assert!(!pages.is_empty() && pages.iter().all(|(w, h)| w > h), "landscape pages: {pages:?}");
    b.keep("register.pdf", &pdf.bytes);

    // 4. For Excel: the same lines, the dossier's code and number in the first row.
    let href = b.attr("#register-xlsx", "href").await.expect("the Excel link");
    let xlsx = b.download(&href).await;
    assert_eq!(xlsx.status, 200);
    assert_eq!(xlsx.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.bytes.clone())).unwrap();
    let cells = book.worksheet_range("Sổ theo dõi hồ sơ").unwrap();
    let text_at = |r: u32, c: u32| cells.get_value((r, c)).cloned().unwrap_or(Data::Empty).to_string();
    let rows = cells.end().unwrap().0 + 1;
    let row = (0..rows).find(|&r| text_at(r, 1) == code).expect("the first dossier in the spreadsheet");
    assert_eq!(text_at(row, 0), "1");
    b.keep("register.xlsx", &xlsx.bytes);

    // 5. In English, the same register.
    b.set_language("en").await;
    let text = b.wait_for_text("Register of dossiers").await;
    assert!(text.contains(&code) && text.contains("Print the register (PDF)"), "{text}");
    b.shot("register-en").await;
    b.check_phone("register-en").await;

    // 6. The returned dossier: its hand-over of the result and its control sheet.
    b.submit(&format!("table.register a[href^='/office/dossiers/{code}']")).await;
    b.wait_for_text(&code).await;
    let handover = b.attr("a[href$='/slips/handover.pdf']", "href").await.expect("the hand-over link");
    let control = b.attr("a[href$='/slips/control.pdf']", "href").await.expect("the control sheet link");
    assert_eq!(handover, format!("/office/dossiers/{code}/slips/handover.pdf"));
    for (href, name) in [(handover, "handover.pdf"), (control, "control.pdf")] {
        let slip = b.download(&href).await;
        assert_eq!((slip.status, slip.content_type.as_str()), (200, "application/pdf"), "{name}");
        let pages = pdf_pages(&slip.bytes);
        assert!(!pages.is_empty() && pages[0].0 < pages[0].1, "{name}: portrait A4, {pages:?}");
        b.keep(name, &slip.bytes);
    }
    b.shot("dossier-slips-en").await;

    // 7. The administrator sets the counter's telephone and hours on the units page.
    b.logout().await;
    b.login_as("admin").await;
    b.set_language("vi").await;
    b.open("/admin/units").await;
    b.wait_for_text("Bộ phận Một cửa").await;
    b.fill("counter-phone", "0206 3852 123").await;
    b.fill("counter-hours", "7h-16h30").await;
    b.press("Lưu").await;
    let text = b.wait_for_text("Chưa lưu").await;
    assert!(text.contains("07:30-17:00"), "the refusal shows the expected form: {text}");
    assert_eq!(b.attr("#counter-hours", "aria-invalid").await.as_deref(), Some("true"));
    b.fill("counter-hours", "07:00-16:30").await;
    b.press("Lưu").await;
    let text = b.wait_for_text("Đã lưu số điện thoại và giờ làm việc của Bộ phận Một cửa.").await;
    assert!(text.contains("0206 3852 123 · 07:00-16:30"), "the tree shows them: {text}");
    b.shot("admin-units").await;
    b.check_phone("admin-units").await;
    b.finish().await;
}
