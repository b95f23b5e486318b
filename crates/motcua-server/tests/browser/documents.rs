//! Official documents in a real browser: the clerk (a counter officer)
//! finds "Văn bản" in the menu, registers an incoming paper document, and
//! reads the incoming register on screen, in its print layout and as a
//! spreadsheet; in Vietnamese and in English, at desktop and phone width.

use calamine::{Data, Reader};

use crate::harness::Browser;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_clerk_registers_a_paper_document_and_prints_the_register() {
    let Some(mut b) = Browser::start("documents").await else { return };
    b.login_as("motcua").await;

    // 1. From the menu to the form, and the document registered as number 1.
    b.submit("nav.main a[href='/office/documents']").await;
    b.wait_for_text("Văn bản đến và đi").await;
    b.submit("#doc-new-den").await;
    b.wait_for_text("Đăng ký văn bản đến").await;
    b.select("d-type", "CV").await;
    b.fill("d-sender", "Sở Tài chính tỉnh Cao Bằng").await;
    b.fill("d-notation", "120/STC-NS").await;
    b.js("document.getElementById('d-date').value = '2026-03-02';").await;
    b.fill("d-subject", "Hướng dẫn quyết toán ngân sách năm 2025").await;
    b.press("Vào sổ").await;
    let text = b.wait_for_text("Đã vào sổ văn bản đến.").await;
    assert!(text.contains("Đã vào sổ, chờ phân công") && text.contains("1/2026"), "{text}");
    b.shot("document").await;

    // 2. The register, number 1 in the first row.
    b.open("/office/documents/register?kind=den&series=thuong&year=2026").await;
    b.wait_for_text("Sổ đăng ký văn bản đến (thường) năm 2026").await;
    assert_eq!(b.text_of("#document-register tbody tr:first-child td:first-child").await, "1");
    assert!(b.text_of("#document-register tbody").await.contains("120/STC-NS"));
    b.shot("register").await;
    b.check_phone("register").await;

    // 3. The print view: the agency, the title and Appendix IV's ten columns.
    let href = b.attr("#register-print", "href").await.expect("the print link");
    b.open(&href).await;
    b.wait_for_text("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN").await;
    assert_eq!(b.text_of("#print-agency").await.to_lowercase(), "phường thục phán");
    let columns = b.js("return document.querySelectorAll('#print-register thead tr:first-child th').length;").await;
    assert_eq!(columns.as_u64(), Some(10));
    b.shot("register-print").await;

    // 4. The spreadsheet: the document in the first row under the headings.
    b.open("/office/documents/register?kind=den&series=thuong&year=2026").await;
    let href = b.attr("#register-xlsx", "href").await.expect("the Excel link");
    let xlsx = b.download(&href).await;
    assert_eq!(xlsx.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.bytes.clone())).unwrap();
    let cells = book.worksheet_range("So van ban").unwrap();
    let rows = cells.end().unwrap().0 + 1;
    let found = (0..rows).any(|r| cells.get_value((r, 3)) == Some(&Data::String("120/STC-NS".into())));
    assert!(found, "the notation in the notation column");
    b.keep("register.xlsx", &xlsx.bytes);

    // 5. In English.
    b.set_language("en").await;
    let text = b.wait_for_text("Incoming register (ordinary) 2026").await;
    assert!(text.contains("Registered, to be routed") && text.contains("Download Excel"), "{text}");
    b.shot("register-en").await;
    b.check_phone("register-en").await;
    b.open("/office/documents").await;
    b.wait_for_text("Incoming and outgoing documents").await;
    b.shot("work-en").await;
    b.finish().await;
}
