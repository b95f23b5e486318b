//! The unit's register of dossiers (issue 11, docs/register.md) and the
//! slips added with it: the register's page, API, PDF and spreadsheet, its
//! filters and scope, the record of who saw the applicants; the hand-over
//! of the result, the control sheet, and the counter's phone and hours.

use calamine::{Data, Reader};
use reqwest::StatusCode;
use serde_json::Value;

use crate::common::{APPLICANT_NAME, TestApp, at};
use crate::pages_office::Browser;

const MARCH: &str = "from=2026-03-01&to=2026-03-31";

/// A dossier received at the counter on Wednesday 4/3/2026 at 09:00, handed
/// to the specialist, the leader, finished on Thursday 5 at 10:00 and its
/// result returned at 15:00; then a second received on Friday 6, left open.
/// Returns both codes; the clock is left on Friday 20 (the second is late).
async fn two_dossiers(app: &TestApp) -> (String, String) {
    let counter = app.login("motcua").await;
    let specialist = app.login("chuyenvien").await;
    let leader = app.login("lanhdao").await;
    let first = app.counter_intake().await["code"].as_str().unwrap().to_owned();
    app.set_now(at(2026, 3, 4, 9, 30));
    app.act_ok(&counter, &first, "forward", None).await;
    app.set_now(at(2026, 3, 4, 14, 0));
    app.act_ok(&specialist, &first, "forward", None).await;
    app.set_now(at(2026, 3, 5, 10, 0));
    app.act_ok(&leader, &first, "finish", Some("Giấy khai sinh bản chính")).await;
    app.set_now(at(2026, 3, 5, 15, 0));
    app.act_ok(&counter, &first, "return_result", None).await;
    app.set_now(at(2026, 3, 6, 8, 0));
    let second = app.counter_intake().await["code"].as_str().unwrap().to_owned();
    app.set_now(at(2026, 3, 20, 9, 0));
    (first, second)
}

fn codes(page: &Value) -> Vec<&str> {
    page["items"].as_array().unwrap().iter().map(|i| i["code"].as_str().unwrap()).collect()
}

async fn download(app: &TestApp, client: &reqwest::Client, path: &str) -> (StatusCode, String, String, Vec<u8>) {
    let res = client.get(app.url(path)).send().await.unwrap();
    let text = |name: &str| res.headers().get(name).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    let (status, content_type, disposition) = (res.status(), text("content-type"), text("content-disposition"));
    (status, content_type, disposition, res.bytes().await.unwrap().to_vec())
}

/// The pages of a PDF, each as (width, height) in points.
fn pdf_pages(bytes: Vec<u8>) -> Vec<(f32, f32)> {
    let pdf = hayro_syntax::Pdf::new(bytes).expect("a PDF that parses");
    pdf.pages().iter().map(|p| p.base_dimensions()).collect()
}

both_backends!(
    the_register_lists_the_units_dossiers_with_filters_within_scope,
    TestApp::builder().dossiers(0).session_hours(24 * 60),
    |app| async move {
        let (first, second) = two_dossiers(&app).await;
        let counter = app.login("motcua").await;
        let (s, page) = app.get(Some(&counter), &format!("/api/v1/register?{MARCH}")).await;
        assert_eq!(s, StatusCode::OK, "{page:#}");
        assert_eq!((page["unit_code"].as_str(), page["total"].as_u64()), (Some("H11.100"), Some(2)));
        assert_eq!(codes(&page), [first.as_str(), second.as_str()]);
        let line = &page["items"][0];
        assert_eq!(line["number"], 1);
        assert_eq!(line["applicant"]["name"], APPLICANT_NAME, "the register shows the applicant in full");
        assert_eq!(line["received_at"], "2026-03-04T09:00:00+07:00");
        assert_eq!(line["due_at"], "2026-03-05T23:59:59+07:00");
        assert_eq!(line["handed_over_at"], "2026-03-04T09:30:00+07:00");
        assert_eq!(line["handed_to"], "Phường Thục Phán");
        assert_eq!(line["finished_at"], "2026-03-05T10:00:00+07:00");
        assert_eq!(line["returned_at"], "2026-03-05T15:00:00+07:00");
        assert_eq!((line["status"]["key"].as_str(), line["timeliness"].as_str()), (Some("returned"), Some("on_time")));
        let open = &page["items"][1];
        assert_eq!((open["number"].as_i64(), open["timeliness"].as_str()), (Some(2), Some("late")));
        assert!(open["handed_over_at"].is_null() && open["returned_at"].is_null());

        // The filters.
        for (query, expected) in [
            ("timeliness=late", vec![second.as_str()]),
            ("timeliness=on_time", vec![first.as_str()]),
            ("status=returned", vec![first.as_str()]),
            ("status=2", vec![second.as_str()]),
            ("procedure=1.001193", vec![first.as_str(), second.as_str()]),
            ("procedure=2.000884", vec![]),
            ("from=2026-03-05&to=2026-03-06", vec![second.as_str()]),
            ("unit=H11.100", vec![first.as_str(), second.as_str()]),
        ] {
            let sep = if query.starts_with("from") { String::new() } else { format!("{MARCH}&") };
            let (_, page) = app.get(Some(&counter), &format!("/api/v1/register?{sep}{query}")).await;
            assert_eq!(codes(&page), expected, "{query}");
        }
        // The province's leader sees the commune's register within theirs;
        // another commune's counter sees none of it, nor may it ask for it.
        let other = app.login("motcua.hoaan").await;
        let (_, theirs) = app.get(Some(&other), &format!("/api/v1/register?{MARCH}")).await;
        assert_eq!(theirs["total"], 0);
        app.fetch(Some(&other), &format!("/api/v1/register?{MARCH}&unit=H11.100")).await.assert_error(
            404,
            "unit_not_found",
            Some("unit"),
        );
        let province = app.login("lanhdao.tinh").await;
        let (s, _) = app.get(Some(&province), &format!("/api/v1/register?{MARCH}&unit=H11.TTPVHCC")).await;
        assert_eq!(s, StatusCode::OK);
        for who in ["congdan", "admin"] {
            let token = app.login(who).await;
            let (s, _) = app.get(Some(&token), "/api/v1/register").await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{who}");
        }
        // Bad filters, each named.
        for (query, code, field) in [
            ("timeliness=soon", "register_timeliness_invalid", "timeliness"),
            ("from=04%2F03%2F2026", "invalid_date", "from"),
            ("from=2026-03-10&to=2026-03-01", "search_range_invalid", "from"),
            ("status=lost", "invalid_status", "status"),
        ] {
            app.fetch(Some(&counter), &format!("/api/v1/register?{query}")).await.assert_error(422, code, Some(field));
        }
    }
);

both_backends!(
    the_register_page_prints_and_exports_and_every_view_is_recorded,
    TestApp::builder().dossiers(0).session_hours(24 * 60),
    |app| async move {
        let (first, second) = two_dossiers(&app).await;
        let admin = app.login("admin").await;
        let views = |code: String| {
            let (app, admin) = (&app, admin.clone());
            async move {
                let (_, v) = app.get(Some(&admin), &format!("/api/v1/data-views?dossier={code}")).await;
                v["items"].as_array().unwrap().iter().map(|i| i["via"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
            }
        };
        let before = views(first.clone()).await.len();

        for (lang, title, late) in [("vi", "Sổ theo dõi hồ sơ", "Quá hạn"), ("en", "Register of dossiers", "Overdue")]
        {
            let b = Browser::new(&app, Some("motcua"), Some(lang)).await;
            let page = b.get(&format!("/office/register?{MARCH}")).await;
            page.assert_contains(&[
                title,
                &format!(">{first}</a>"),
                &format!(">{second}</a>"),
                &format!("<strong>{APPLICANT_NAME}</strong>"),
                late,
                "href=\"/office/register.pdf?from=2026-03-01&#38;to=2026-03-31\"",
                "href=\"/office/register.xlsx?from=2026-03-01&#38;to=2026-03-31\"",
                "href=\"/office/register\" aria-current=\"page\"",
            ]);
            // A filter narrows the page; a bad date comes back beside the form.
            let late_only = b.get(&format!("/office/register?{MARCH}&timeliness=late")).await;
            late_only.assert_contains(&[&format!(">{second}</a>")]);
            late_only.assert_lacks(&[&format!(">{first}</a>")]);
            let bad = b.get("/office/register?from=2026-13-01").await;
            assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
            bad.assert_contains(&["id=\"filter-error\"", "aria-invalid=\"true\""]);
        }
        // Without a period the page opens on the current month up to today.
        let b = Browser::new(&app, Some("motcua"), None).await;
        b.get("/office/register").await.assert_contains(&[
            "value=\"2026-03-01\"",
            "value=\"2026-03-20\"",
            &format!(">{first}</a>"),
        ]);

        let client = app.page_client(Some("motcua"), Some("vi")).await;
        let (s, content_type, disposition, pdf) =
            download(&app, &client, &format!("/office/register.pdf?{MARCH}")).await;
        assert_eq!((s, content_type.as_str()), (StatusCode::OK, "application/pdf"));
        assert!(disposition.contains("so-theo-doi-ho-so-H11.100-2026-03-01-2026-03-31.pdf"), "{disposition}");
        let pages = pdf_pages(pdf);
        assert_eq!(pages.len(), 1);
        assert!(pages[0].0 > pages[0].1, "landscape A4: {pages:?}");
        assert!((pages[0].0 - 841.89).abs() < 1.0, "A4 is 297 mm wide in landscape: {pages:?}");

        let (s, content_type, _, xlsx) = download(&app, &client, &format!("/office/register.xlsx?{MARCH}")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
        let cells = book.worksheet_range("Sổ theo dõi hồ sơ").unwrap();
        let text = |r: u32, c: u32| cells.get_value((r, c)).cloned().unwrap_or(Data::Empty).to_string();
        let rows = cells.end().unwrap().0 + 1;
        let row = (0..rows).find(|&r| text(r, 1) == first).expect("the first dossier's row");
        assert_eq!(text(row, 0), "1");
        assert_eq!(text(row, 3), APPLICANT_NAME);
        assert_eq!(text(row, 4), "Tổ 5, phường Thục Phán, tỉnh Cao Bằng; 0912345678");
        assert_eq!(text(row, 5), "04/03/2026 09:00");
        assert_eq!(text(row, 6), "05/03/2026 17:00", "the appointment the receipt gave: the counter closes at 17:00");
        assert!(text(row, 11).starts_with("Đã trả kết quả; "), "{}", text(row, 11));
        assert!((0..rows).any(|r| text(r, 1) == second));
        assert!((0..rows).any(|r| text(r, 7) == "Chuyển hồ sơ đến cơ quan giải quyết"), "the form's headings");

        // The page in two languages, the page of the current month, the PDF
        // and the spreadsheet showed the first dossier's applicant: five
        // records. The late-only pages did not list it, the refused one
        // listed nothing: not recorded.
        let seen = views(first.clone()).await;
        assert_eq!(seen.len() - before, 5, "{seen:?}");
        assert!(seen.iter().take(5).all(|v| v == "register"), "{seen:?}");
        let b = Browser::new(&app, Some("admin"), Some("vi")).await;
        b.get(&format!("/admin/data-views?dossier={first}")).await.assert_contains(&["Sổ theo dõi hồ sơ"]);
    }
);

both_backends!(
    the_result_hand_over_and_the_control_sheet_are_printed_from_the_history,
    TestApp::builder().dossiers(0).session_hours(24 * 60),
    |app| async move {
        let (first, second) = two_dossiers(&app).await;
        let b = Browser::new(&app, Some("motcua"), Some("vi")).await;
        b.get(&format!("/office/dossiers/{first}")).await.assert_contains(&[
            &format!("href=\"/office/dossiers/{first}/slips/handover.pdf\""),
            &format!("href=\"/office/dossiers/{first}/slips/control.pdf\""),
            "In phiếu bàn giao kết quả giải quyết hồ sơ",
            "In phiếu kiểm soát quá trình giải quyết hồ sơ",
        ]);
        let open = b.get(&format!("/office/dossiers/{second}")).await;
        open.assert_contains(&[&format!("/office/dossiers/{second}/slips/control.pdf")]);
        open.assert_lacks(&["handover.pdf"]);

        let client = app.page_client(Some("motcua"), Some("vi")).await;
        for slip in ["handover", "control", "receipt"] {
            let (s, content_type, _, pdf) =
                download(&app, &client, &format!("/office/dossiers/{first}/slips/{slip}.pdf")).await;
            assert_eq!((s, content_type.as_str()), (StatusCode::OK, "application/pdf"), "{slip}");
            let pages = pdf_pages(pdf);
            assert!(pages.len() == 1 && pages[0].0 < pages[0].1, "{slip}: one portrait page, {pages:?}");
        }
        // No result yet, no hand-over.
        let none = b.get(&format!("/office/dossiers/{second}/slips/handover.pdf")).await;
        assert_eq!(none.status, StatusCode::NOT_FOUND);
        none.assert_contains(&["Hồ sơ chưa có phiếu này"]);

        // The applicant who submitted online gets the hand-over, never the
        // control sheet (it names the officers).
        let counter = app.login("motcua").await;
        let specialist = app.login("chuyenvien").await;
        let leader = app.login("lanhdao").await;
        let id = app.online_submission().await["id"].as_i64().unwrap().to_string();
        let online = app.act_ok(&counter, &id, "receive", None).await["code"].as_str().unwrap().to_owned();
        for (who, action) in
            [(&counter, "forward"), (&specialist, "forward"), (&leader, "finish"), (&counter, "return_result")]
        {
            app.act_ok(who, &online, action, None).await;
        }
        let citizen = app.page_client(Some("congdan"), Some("vi")).await;
        let mine = citizen.get(app.url(&format!("/my/{online}"))).send().await.unwrap().text().await.unwrap();
        assert!(mine.contains(&format!("href=\"/my/{online}/slips/handover.pdf\"")), "{mine}");
        assert!(mine.contains("Phiếu bàn giao kết quả giải quyết hồ sơ (PDF)") && !mine.contains("control.pdf"));
        let (s, content_type, _, _) = download(&app, &citizen, &format!("/my/{online}/slips/handover.pdf")).await;
        assert_eq!((s, content_type.as_str()), (StatusCode::OK, "application/pdf"));
        let (s, ..) = download(&app, &citizen, &format!("/my/{online}/slips/control.pdf")).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
    }
);

both_backends!(
    an_administrator_sets_the_counter_phone_and_hours_of_a_unit_in_scope,
    TestApp::builder().dossiers(0).session_hours(24 * 60),
    |app| async move {
        let admin = app.login("quantri.xa").await;
        let (s, unit) = app
            .put(
                Some(&admin),
                "/api/v1/units/H11.100/counter",
                &serde_json::json!({"phone": "0206 3852 123", "counter_hours": "07:00 - 16:30"}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{unit:#}");
        assert_eq!(
            (unit["phone"].as_str(), unit["counter_hours"].as_str()),
            (Some("0206 3852 123"), Some("07:00-16:30"))
        );
        for (body, code, field) in [
            (serde_json::json!({"phone": "12345"}), "invalid_phone", "phone"),
            (serde_json::json!({"counter_hours": "17:00-07:00"}), "counter_hours_invalid", "counter_hours"),
        ] {
            app.send(reqwest::Method::PUT, Some(&admin), "/api/v1/units/H11.100/counter", &body).await.assert_error(
                422,
                code,
                Some(field),
            );
        }
        // A department's administrator may not set a commune's counter.
        let dept = app.login("quantri.snmt").await;
        app.send(reqwest::Method::PUT, Some(&dept), "/api/v1/units/H11.100/counter", &serde_json::json!({}))
            .await
            .assert_error(422, "unit_outside_admin_scope", Some("unit"));

        // The same through the units page, in both languages.
        let b = Browser::new(&app, Some("quantri.xa"), Some("vi")).await;
        let (_, units) = app.get(Some(&admin), "/api/v1/units").await;
        let id = units.as_array().unwrap().iter().find(|u| u["code"] == "H11.100").unwrap()["id"].to_string();
        let res = b
            .post("/admin/units/counter", &[("unit_id", &id), ("phone", "0206 3999 000"), ("counter_hours", "")])
            .await;
        res.assert_status(303);
        let page = b.get(res.location()).await;
        page.assert_contains(&["0206 3999 000", "Đã lưu số điện thoại và giờ làm việc của Bộ phận Một cửa."]);
        let bad = b.post("/admin/units/counter", &[("unit_id", &id), ("phone", ""), ("counter_hours", "8h-17h")]).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        bad.assert_contains(&["id=\"counter-hours-err\"", "07:30-17:00"]);
        let en = Browser::new(&app, Some("quantri.xa"), Some("en")).await;
        en.get(&format!("/admin/units?counter={id}")).await.assert_contains(&["Counter telephone", "0206 3999 000"]);
    }
);
