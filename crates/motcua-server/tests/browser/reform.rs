//! The reform office's pages in a real browser: the published Bắc Kạn 2022
//! campaign with Ngân Sơn last at 70.56, its per-area chart, and the pages
//! fitting a phone.

use crate::harness::Browser;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn published_results_and_a_units_report_with_its_chart() {
    let Some(mut b) = Browser::start("reform").await else { return };
    b.login("noivu.backan", "noivu-demo-2026").await;
    b.open("/reform").await;
    b.shot("campaigns-vi").await;
    b.click("a[href^='/reform/campaigns/']").await;
    b.wait_for_text("Huyện Ngân Sơn").await;
    b.shot("campaign-vi").await;
    b.click("a[href$='/results']").await;
    let text = b.wait_for_text("Ngân Sơn").await;
    assert!(text.contains("70,56"), "{text}");
    assert!(b.has("svg[role='img']").await, "the per-area chart is drawn");
    b.shot("results-vi").await;
    b.check_phone("results").await;
    // Ngân Sơn's own report: where it lost points, area by area.
    let href = b
        .js("return Array.from(document.querySelectorAll('tr')).find(r => r.textContent.includes('Ngân Sơn'))\
             .querySelector(\"a[href*='/report']\").getAttribute('href');")
        .await;
    b.open(href.as_str().expect("a report link on Ngân Sơn's row")).await;
    b.wait_for_text("Huyện Ngân Sơn").await;
    assert!(b.has("svg[role='img']").await);
    b.shot("report-vi").await;
    b.set_language("en").await;
    b.shot("report-en").await;
    b.finish().await;
}

/// Opens the sheet of the demo's Cao Bằng commune H11.100 in the open 2026
/// campaign, from the campaign list as a user finds it.
async fn open_2026_sheet(b: &Browser) {
    b.open("/reform").await;
    let href = b
        .js("return Array.from(document.querySelectorAll(\"a[href^='/reform/campaigns/']\"))\
             .find(a => a.textContent.includes('2026')).getAttribute('href');")
        .await;
    b.open(href.as_str().expect("the 2026 campaign")).await;
    let sheet = b
        .js("return Array.from(document.querySelectorAll(\"a[href*='/units/']\"))\
             .find(a => a.closest('tr').textContent.includes('H11.100')).getAttribute('href');")
        .await;
    b.open(sheet.as_str().expect("the commune's sheet")).await;
    b.wait_for_text("1.1.1").await;
}

async fn value(b: &Browser, id: &str) -> String {
    b.js(&format!("return document.getElementById('{id}').value;")).await.as_str().unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_par_sheet_is_one_form_saved_once_with_every_score_kept() {
    let Some(mut b) = Browser::start("reform-sheet").await else { return };
    b.client.set_window_size(1366, 900).await.unwrap();
    b.login_as("lanhdao").await;
    open_2026_sheet(&b).await;
    b.fill("self-1.1.1", "1").await;
    b.fill("self-1.2", "1,5").await;
    b.fill("self-1.3", "2").await;
    b.fill("note-1.3", "Kế hoạch số 12/KH-UBND").await;
    // The script keeps a draft a moment after typing stops.
    b.wait_for_text("Đã lưu nháp lúc").await;
    b.fill("self-1.4", "9").await;
    b.shot("sheet-typed-vi").await;
    b.press("Lưu phiếu").await;
    // Refused: the row says why, and nothing typed is lost.
    b.wait_for_text("1 dòng cần sửa").await;
    assert!(b.has("tr#item-1\\.4.row-refused").await, "the refused row is marked");
    assert_eq!(value(&b, "self-1.2").await, "1,5");
    assert_eq!(value(&b, "note-1.3").await, "Kế hoạch số 12/KH-UBND");
    b.shot("sheet-refused-vi").await;
    b.fill("self-1.4", "1,5").await;
    b.press("Lưu phiếu").await;
    b.wait_for_text("Đã lưu phiếu chấm điểm.").await;
    for (id, want) in [("self-1.1.1", "1"), ("self-1.2", "1,5"), ("self-1.3", "2"), ("self-1.4", "1,5")] {
        assert_eq!(value(&b, id).await, want, "{id} after one save");
    }
    assert!(!b.has("#draft-restored").await, "saving ends the draft");
    b.shot("sheet-saved-vi").await;
    b.check_phone("sheet").await;
    // Submitting asks first, on a page: what is still missing is listed.
    b.client.set_window_size(1366, 900).await.unwrap();
    b.press("Lưu và gửi tự đánh giá…").await;
    b.wait_for_text("tiêu chí chưa tự chấm").await;
    assert!(b.has("#missing-items").await);
    b.shot("submit-ask-vi").await;
    b.check_phone("submit-ask").await;
    b.set_language("en").await;
    b.shot("submit-ask-en").await;
    b.press("Back to the score sheet").await;
    b.wait_for_text("Save sheet").await;
    b.client.set_window_size(1366, 900).await.unwrap();
    b.shot("sheet-en").await;
    b.check_phone("sheet-en").await;
    b.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ranking_names_its_areas_and_fits_1366_px() {
    let Some(mut b) = Browser::start("reform-ranking").await else { return };
    b.client.set_window_size(1366, 900).await.unwrap();
    b.login("noivu.backan", "noivu-demo-2026").await;
    b.open("/reform").await;
    b.click("a[href^='/reform/campaigns/']").await;
    b.wait_for_text("Huyện Ngân Sơn").await;
    b.click("a[href$='/results']").await;
    b.wait_for_text("Ngân Sơn").await;
    let fits = "const w = document.querySelector('.ranking-wrap'); const t = w.querySelector('table');\
                return [t.scrollWidth, w.clientWidth, document.documentElement.scrollWidth, window.innerWidth];";
    let sizes = b.js(fits).await;
    let n = |i: usize| sizes[i].as_u64().unwrap();
    assert!(n(0) <= n(1) && n(2) <= n(3), "the ranking overflows at 1,366 px: {sizes}");
    // The areas have names, the full one in the heading's abbr.
    let heading = b.text_of("table.ranking thead").await;
    assert!(heading.contains("Cải cách thủ tục hành chính") && !heading.contains("LV3"), "{heading}");
    let full = b.attr("th[data-area='3'] abbr", "title").await.unwrap();
    assert!(full.contains("một cửa liên thông"), "{full}");
    // Ngân Sơn's index, written once and the Vietnamese way.
    let row = b
        .js("return Array.from(document.querySelectorAll('tbody tr')).find(r => r.dataset.unit === 'BK.NS').textContent;")
        .await;
    assert_eq!(row.as_str().unwrap().matches("70,56").count(), 1, "{row}");
    b.shot("ranking-1366-vi").await;
    // A phone: the page stays put, the table scrolls inside its box.
    b.client.set_window_size(390, 844).await.unwrap();
    let sizes = b.js(fits).await;
    let n = |i: usize| sizes[i].as_u64().unwrap();
    assert!(n(0) > n(1), "on a phone the table keeps its columns and scrolls inside: {sizes}");
    b.check_phone("ranking").await;
    b.client.set_window_size(1366, 900).await.unwrap();
    b.set_language("en").await;
    let sizes = b.js(fits).await;
    assert!(sizes[0].as_u64() <= sizes[1].as_u64(), "English at 1,366 px: {sizes}");
    b.shot("ranking-1366-en").await;
    b.check_phone("ranking-en").await;
    b.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unused_survey_links_print_as_a_sheet_of_cards() {
    let Some(mut b) = Browser::start("reform-cards").await else { return };
    b.client.set_window_size(1366, 900).await.unwrap();
    b.login_as("noivu").await;
    b.open("/reform/sipas").await;
    b.click("a[href^='/reform/sipas/']").await;
    b.wait_for_text("Đường dẫn khảo sát dùng một lần").await;
    b.fill("tok-count", "5").await;
    b.press("Tạo đường dẫn").await;
    b.wait_for_text("hiện đầy đủ ở đây một lần").await;
    b.press("In thẻ có mã QR cho các đường dẫn chưa dùng").await;
    b.wait_for_text("thẻ chưa dùng").await;
    let cards = b.js("return document.querySelectorAll('article.card-link').length;").await;
    assert!(cards.as_u64().unwrap() >= 5, "the new links are on cards: {cards}");
    assert!(b.has("article.card-link .qr svg").await, "each card has its QR code");
    let card = b.text_of("article.card-link").await;
    assert!(card.contains("Quét mã QR") && card.contains("/survey/"), "{card}");
    b.shot("cards-vi").await;
    b.check_phone("cards").await;
    // The language switch comes back without the query (it may hold search
    // terms): open the same sheet again.
    let here = b.js("return location.pathname + location.search;").await;
    b.set_language("en").await;
    b.open(here.as_str().unwrap()).await;
    b.wait_for_text("unused cards").await;
    b.shot("cards-en").await;
    b.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_framework_is_edited_as_a_form() {
    let Some(mut b) = Browser::start("reform-framework").await else { return };
    b.client.set_window_size(1366, 900).await.unwrap();
    b.login_as("noivu").await;
    b.open("/reform/frameworks").await;
    b.click("a[href$='/form']").await;
    b.wait_for_text("Thang điểm").await;
    b.fill("a0.c0.max", "7").await;
    b.press("Kiểm tra tổng điểm").await;
    b.wait_for_text("chưa khớp").await;
    b.shot("framework-form-vi").await;
    b.check_phone("framework-form").await;
    b.set_language("en").await;
    b.shot("framework-list-en").await;
    b.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_office_appraises_with_a_reason_only_where_the_score_changes() {
    let Some(mut b) = Browser::start("reform-appraise").await else { return };
    b.client.set_window_size(1366, 900).await.unwrap();
    b.login_as("lanhdao").await;
    open_2026_sheet(&b).await;
    let sheet = b.path().await;
    // Every item scored 1 (each maximum is at least 1), saved, submitted.
    b.js("document.querySelectorAll(\"input[name^='self:']\").forEach(i => { i.value = '1'; });").await;
    b.press("Lưu và gửi tự đánh giá…").await;
    b.press("Xác nhận gửi tự đánh giá").await;
    b.wait_for_text("Đã gửi tự đánh giá.").await;
    b.logout().await;
    b.login_as("noivu").await;
    b.open(sheet.split("/units/").next().unwrap()).await;
    b.press("Khóa tự đánh giá, bắt đầu thẩm định").await;
    b.open(&sheet).await;
    b.wait_for_text("Điểm thẩm định").await;
    // The reason field shows only on the row whose score changes.
    b.fill("appr-1.1.1", "1").await;
    b.fill("appr-1.2", "0,5").await;
    let hidden = |code: &str| format!("return document.querySelector(\"[data-reason-for='{code}']\").hidden;");
    assert_eq!(b.js(&hidden("1.1.1")).await.as_bool(), Some(true), "same score, no reason asked");
    assert_eq!(b.js(&hidden("1.2")).await.as_bool(), Some(false), "a changed score asks why");
    b.fill("reason-1.2", "Chưa có báo cáo quý IV").await;
    b.shot("appraise-vi").await;
    b.press("Lưu phiếu").await;
    b.wait_for_text("Đã lưu phiếu chấm điểm.").await;
    b.shot("appraised-vi").await;
    b.check_phone("appraise").await;
    b.finish().await;
}
