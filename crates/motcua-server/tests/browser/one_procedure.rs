//! Issue 10's "Done when" in a real browser: one published procedure served
//! by every unit. The same commune procedure received at two communes
//! reaches each commune's own specialist; a province procedure received at
//! the centre reaches the owning department's specialist, is returned once
//! by the department's leader, then approved in a bulk approval of three
//! dossiers, and the department's dashboard and the public ranking count
//! it (in Vietnamese). A step that overran its own share shows as late in
//! the inbox, on the dossier page and in the unit's statistics while the
//! dossier as a whole finished on time (in English).

use fantoccini::Locator;
use serde_json::json;

use crate::common::{APPLICANT_NAME, BIRTH, ID_NUMBER, PHONE, TestApp, at, components_of, submission_with};
use crate::harness::Browser;

/// Đất đai, first registration: a province procedure of Sở Nông nghiệp và
/// Môi trường (H11.SNNMT), received at the centre.
const LAND: &str = "1.004227";
const LAND_NAME: &str = "Đăng ký đất đai, tài sản gắn liền với đất lần đầu";
const DEPARTMENT: &str = "Sở Nông nghiệp và Môi trường";

/// Đăng ký kết hôn: 3 working days at the commune, the specialist's
/// examination 2 of them.
const MARRIAGE: &str = "1.000894";

/// The text of the cell labelled `label` in the first row of `rows` (a CSS
/// selector of `tr`s) whose text contains `needle`; `None` without one.
async fn cell(b: &Browser, rows: &str, needle: &str, label: &str) -> Option<String> {
    let js = format!(
        "const r = Array.from(document.querySelectorAll({rows})).find(tr => tr.innerText.includes({needle})); \
         if (!r) return null; const c = Array.from(r.cells).find(c => c.dataset.label === {label}); \
         return c ? c.innerText.trim() : null;",
        rows = json!(rows),
        needle = json!(needle),
        label = json!(label)
    );
    b.js(&js).await.as_str().map(str::to_owned)
}

/// The text of the first row of `rows` that contains `needle`.
async fn row(b: &Browser, rows: &str, needle: &str) -> Option<String> {
    let js = format!(
        "const r = Array.from(document.querySelectorAll({rows})).find(tr => tr.innerText.includes({needle})); \
         return r ? r.innerText : null;",
        rows = json!(rows),
        needle = json!(needle)
    );
    b.js(&js).await.as_str().map(str::to_owned)
}

/// A figure of a table; "—" (a unit with no data in the period) is 0.
fn number(s: Option<String>, what: &str) -> i64 {
    let s = s.unwrap_or_else(|| panic!("no figure for {what}"));
    if s == "—" {
        return 0;
    }
    s.replace(['.', ','], "").trim().parse().unwrap_or_else(|_| panic!("{what} is not a number: {s:?}"))
}

/// At the counter, in Vietnamese: receives `procedure` with every
/// component ticked, then hands it to the first step; returns its code.
async fn receive_and_forward(b: &Browser, procedure: &str, unit_code: &str) -> String {
    b.open(&format!("/office/intake/{procedure}")).await;
    b.wait_for_text("Tiếp nhận và cấp giấy hẹn").await;
    b.fill("applicant-name", APPLICANT_NAME).await;
    b.fill("applicant-id-number", ID_NUMBER).await;
    b.fill("applicant-phone", PHONE).await;
    b.fill("applicant-address", "Tổ 5, tỉnh Cao Bằng").await;
    let boxes = b.client.find_all(Locator::Css("input[id^='comp-']")).await.unwrap();
    assert!(!boxes.is_empty(), "the procedure lists its components");
    for c in boxes {
        c.click().await.unwrap();
    }
    b.press("Tiếp nhận và cấp giấy hẹn").await;
    b.wait_for_text("Đã tiếp nhận hồ sơ, cấp mã và ngày hẹn trả kết quả.").await;
    let code = b.text_of("h1 .mono").await;
    assert!(code.starts_with(&format!("{unit_code}-")), "a code of the receiving unit {unit_code}: {code}");
    b.press("Chuyển bước tiếp theo").await;
    b.wait_for_text("Đã chuyển hồ sơ sang bước tiếp theo.").await;
    code
}

/// A dossier of `procedure` received by `counter` through the API and
/// forwarded to its first step; returns its code.
async fn api_dossier(app: &TestApp, counter: &str, procedure: &str) -> String {
    let components = components_of(app, procedure).await;
    let names: Vec<&str> = components.iter().map(String::as_str).collect();
    let token = app.login(counter).await;
    let r = app.create_dossier(&token, &submission_with(procedure, &names)).await;
    let code = r.assert_status(201)["code"].as_str().unwrap().to_owned();
    app.act_ok(&token, &code, "forward", None).await;
    code
}

/// The department's handled figures on the public ranking (departments).
async fn ranking_line(b: &Browser) -> (i64, i64) {
    b.open("/ranking?level=department&period=2026-03").await;
    b.wait_for_text("Xếp hạng").await;
    let rows = "table.ranking tbody tr";
    (
        number(cell(b, rows, "H11.SNNMT", "Tiếp nhận").await, "received"),
        number(cell(b, rows, "H11.SNNMT", "Đã giải quyết").await, "handled"),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_procedure_every_unit_in_both_languages() {
    let Some(mut b) = Browser::start("one_procedure").await else { return };

    // Set-up for part 3 (Wednesday 4/3/2026 09:00): a marriage received at
    // Phường Thục Phán and at the specialist's step, its share due Friday.
    let late = api_dossier(&b.app, "motcua", MARRIAGE).await;

    // 1. The birth registration (a commune procedure) received at two
    //    communes, each by its own counter.
    b.login_as("motcua").await;
    let thuc_phan = receive_and_forward(&b, BIRTH, "H11.100").await;
    let text = b.text().await;
    assert!(text.contains("Phường Thục Phán") && text.contains("Bước 1"), "{text}");
    b.shot("received-thuc-phan").await;
    b.logout().await;
    b.login_as("motcua.hoaan").await;
    let hoa_an = receive_and_forward(&b, BIRTH, "H11.103").await;
    let text = b.text().await;
    assert!(text.contains("Xã Hòa An"), "the step's unit is the receiving commune: {text}");
    b.shot("received-hoa-an").await;
    b.logout().await;
    // Each commune's specialist sees its own, not the other's.
    for (user, own, other) in [("chuyenvien", &thuc_phan, &hoa_an), ("chuyenvien.hoaan", &hoa_an, &thuc_phan)] {
        b.login_as(user).await;
        b.open("/office/inbox").await;
        let text = b.wait_for_text(own).await;
        assert!(!text.contains(other.as_str()), "{user} sees only its commune's dossier: {text}");
        b.shot(&format!("inbox-{user}")).await;
        b.logout().await;
    }

    // 2. The land registration received at the centre, with two more
    //    already at the department's leader for the bulk approval.
    let (received_before, handled_before) = ranking_line(&b).await;
    let specialist_token = b.app.login("chuyenvien.snmt").await;
    let mut others = Vec::new();
    for _ in 0..2 {
        let code = api_dossier(&b.app, "motcua.tinh", LAND).await;
        b.app.act_ok(&specialist_token, &code, "forward", None).await;
        others.push(code);
    }
    b.login_as("motcua.tinh").await;
    let land = receive_and_forward(&b, LAND, "H11.TTPVHCC").await;
    let text = b.text().await;
    assert!(text.contains(DEPARTMENT), "the first step is the department's: {text}");
    b.logout().await;

    // The department's specialist finds it and forwards it to the leader.
    b.login_as("chuyenvien.snmt").await;
    b.open("/office/inbox").await;
    b.wait_for_text(&land).await;
    b.shot("inbox-department-specialist").await;
    b.submit(&format!("main a[href='/office/dossiers/{land}']")).await;
    b.press("Chuyển bước tiếp theo").await;
    b.wait_for_text("Đã chuyển hồ sơ sang bước tiếp theo.").await;
    b.logout().await;

    // The leader returns it once, with a reason.
    b.login_as("lanhdao.snmt").await;
    b.open(&format!("/office/dossiers/{land}")).await;
    b.wait_for_text(LAND_NAME).await;
    b.click("#act-return-to-step summary").await;
    b.select("return-to-step", "0").await;
    b.fill("return-to-step-note", "Bổ sung ý kiến thẩm định về ranh giới thửa đất").await;
    b.shot("return-form").await;
    b.submit("#act-return-to-step form button[type=submit]").await;
    let text = b.wait_for_text("Đã trả hồ sơ về bước trước.").await;
    for expected in ["Đã trả lại bước trước", "Từ bước 2 về bước 1", "Bổ sung ý kiến thẩm định về ranh giới thửa đất"]
    {
        assert!(text.contains(expected), "the history shows the return: {expected:?} in {text}");
    }
    b.shot("returned").await;
    b.logout().await;

    // Back at the specialist, who forwards it again.
    b.login_as("chuyenvien.snmt").await;
    b.open("/office/inbox").await;
    b.wait_for_text(&land).await;
    b.submit(&format!("main a[href='/office/dossiers/{land}']")).await;
    b.press("Chuyển bước tiếp theo").await;
    b.wait_for_text("Đã chuyển hồ sơ sang bước tiếp theo.").await;
    b.logout().await;

    // The leader ticks the three in the inbox and approves them at once.
    b.login_as("lanhdao.snmt").await;
    b.open("/office/inbox").await;
    b.wait_for_text("Xử lý hàng loạt").await;
    let three = [land.clone(), others[0].clone(), others[1].clone()];
    for code in &three {
        b.click(&format!("input[name='item'][value^='{code}:']")).await;
    }
    b.select("bulk-action", "finish").await;
    b.shot("bulk-ticked").await;
    b.press("Thực hiện với các hồ sơ đã chọn").await;
    let text = b.wait_for_text("Thành công 3, không thực hiện được 0.").await;
    for code in &three {
        let line = row(&b, "table.bulk-result tbody tr", code).await.unwrap_or_else(|| panic!("{code} in {text}"));
        assert!(line.contains("Đã thực hiện"), "{code} was done: {line}");
    }
    b.shot("bulk-result").await;

    // The department's dashboard (handling basis) counts them.
    b.open("/office/stats?period=2026-03").await;
    let text = b.wait_for_text(DEPARTMENT).await;
    assert!(text.contains("tính theo đơn vị giải quyết"), "the handling basis: {text}");
    let handled = number(cell(&b, "main tr", LAND_NAME, "Đã giải quyết").await, "the land registration handled");
    assert!(handled >= 3, "the dashboard counts the three: {handled}");
    b.shot("department-dashboard").await;
    b.logout().await;
    // The public ranking of departments counts them too.
    let (received, handled) = ranking_line(&b).await;
    assert_eq!((received - received_before, handled - handled_before), (3, 3), "the ranking counts the three");
    b.shot("ranking-departments").await;
    // The same line in English.
    b.set_language("en").await;
    b.wait_for_text("Ranking of units by dossier handling").await;
    let rows = "table.ranking tbody tr";
    assert_eq!(number(cell(&b, rows, "H11.SNNMT", "Handled").await, "handled (en)"), handled);
    assert_eq!(number(cell(&b, rows, "H11.SNNMT", "Received").await, "received (en)"), received);
    b.shot("ranking-departments-en").await;

    // 3. In English, on Monday morning: the examination's share ran out on
    //    Friday; the dossier is due at the end of Monday.
    b.app.set_now(at(2026, 3, 9, 8, 0));
    b.login_as("chuyenvien").await;
    if b.lang().await != "en" {
        b.set_language("en").await;
    }
    b.open("/office/inbox").await;
    b.wait_for_text(&late).await;
    let line = row(&b, "table.inbox tbody tr", &late).await.expect("the marriage in the inbox");
    assert!(line.contains("Step overdue"), "the step is flagged: {line}");
    assert!(!line.lines().any(|l| l.trim() == "Overdue"), "the dossier is not: {line}");
    b.shot("inbox-step-overdue-en").await;
    b.submit(&format!("main a[href='/office/dossiers/{late}']")).await;
    b.app.set_now(at(2026, 3, 9, 8, 30));
    b.press("Forward to the next step").await;
    b.logout().await;
    b.app.set_now(at(2026, 3, 9, 10, 0));
    b.login_as("lanhdao").await;
    if b.lang().await != "en" {
        b.set_language("en").await;
    }
    b.open(&format!("/office/dossiers/{late}")).await;
    b.press("Finish with a result").await;
    let text = b.wait_for_text("Time taken by each unit").await;
    let step = row(&b, "main tr", "Thẩm định hồ sơ").await.expect("the examination's line");
    assert!(step.contains("Late"), "the examination was late: {step}");
    let approval = row(&b, "main tr", "Phê duyệt kết quả").await.expect("the approval's line");
    assert!(approval.contains("On time"), "the approval was on time: {approval}");
    assert!(text.contains("On time"), "the dossier as a whole is on time: {text}");
    let token = b.app.login("lanhdao").await;
    assert_eq!(b.app.dossier(&token, &late).await["timeliness"], "on_time");
    b.shot("dossier-late-step-en").await;
    // The unit's statistics: per-step timeliness counts the late step.
    b.open("/office/stats?period=2026-03").await;
    b.wait_for_text("Per-step timeliness").await;
    let rows = "#step-timeliness tbody tr";
    let late_steps = number(cell(&b, rows, "H11.100", "Steps late").await, "steps late");
    assert!(late_steps >= 1, "the late step is counted: {late_steps}");
    b.shot("stats-steps-en").await;
    b.finish().await;
}

/// The return and the bulk approval of part 2, in English and at phone
/// width: the department's leader returns a land registration with a
/// reason, the specialist forwards it again, and the leader approves it
/// with another in one bulk action.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn return_and_bulk_approval_in_english_on_a_phone() {
    let Some(mut b) = Browser::start("one_procedure_en").await else { return };
    let specialist = b.app.login("chuyenvien.snmt").await;
    let land = api_dossier(&b.app, "motcua.tinh", LAND).await;
    let other = api_dossier(&b.app, "motcua.tinh", LAND).await;
    for code in [&land, &other] {
        b.app.act_ok(&specialist, code, "forward", None).await;
    }

    b.login_as("lanhdao.snmt").await;
    b.set_language("en").await;
    b.open(&format!("/office/dossiers/{land}")).await;
    b.wait_for_text(LAND_NAME).await;
    b.js("document.querySelector('#act-return-to-step').open = true; return null;").await;
    b.select("return-to-step", "0").await;
    b.fill("return-to-step-note", "Please add the survey of the parcel's boundary").await;
    b.check_phone("return-form-en").await;
    b.submit("#act-return-to-step form button[type=submit]").await;
    let text = b.wait_for_text("The dossier was returned to an earlier step.").await;
    for expected in ["Returned to an earlier step", "From step 2 back to step 1", "survey of the parcel's boundary"] {
        assert!(text.contains(expected), "the history shows the return: {expected:?} in {text}");
    }
    b.check_phone("returned-en").await;
    b.logout().await;

    // The specialist forwards it again (through the API: part 2 does it in
    // the browser), and the leader approves both at once on a phone.
    b.app.act_ok(&specialist, &land, "forward", None).await;
    b.login_as("lanhdao.snmt").await;
    if b.lang().await != "en" {
        b.set_language("en").await;
    }
    b.open("/office/inbox").await;
    b.wait_for_text("Bulk action").await;
    b.check_phone("inbox-bulk-en").await;
    for code in [&land, &other] {
        b.click(&format!("input[name='item'][value^='{code}:']")).await;
    }
    b.select("bulk-action", "finish").await;
    b.press("Apply to the selected dossiers").await;
    let text = b.wait_for_text("2 done, 0 refused.").await;
    for code in [&land, &other] {
        let line = row(&b, "table.bulk-result tbody tr", code).await.unwrap_or_else(|| panic!("{code} in {text}"));
        assert!(line.contains("Done"), "{code} was done: {line}");
    }
    b.check_phone("bulk-result-en").await;
    b.finish().await;
}
