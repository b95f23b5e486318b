//! Finding a dossier (issue 11): the staff search by code, name, phone and
//! identity number, within the caller's units, with masked names; the
//! record of who then saw the applicant's data, read by the administrator.

use reqwest::StatusCode;

use crate::common::{BIRTH, TestApp, submission};
use crate::pages_office::Browser;

/// `q` as a query string value.
fn q(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn found(app: &TestApp, token: &str, query: &str) -> Vec<String> {
    let (s, page) = app.get(Some(token), &format!("/api/v1/dossiers/search?q={}", q(query))).await;
    assert_eq!(s, StatusCode::OK, "{query}: {page:#}");
    page["items"].as_array().unwrap().iter().map(|i| i["code"].as_str().unwrap_or_default().to_owned()).collect()
}

both_backends!(
    staff_find_a_dossier_of_their_units_by_what_the_citizen_gives,
    TestApp::builder().dossiers(0),
    |app| async move {
        let counter = app.login("motcua").await;
        let d = app.create_dossier(&counter, &submission(BIRTH)).await;
        let code = d.assert_status(201)["code"].as_str().unwrap().to_owned();

        for typed in
            ["Nguyễn Văn An", "nguyen van an", "Văn An", "an", "0912 345 678", "001099012345", &code.to_lowercase()]
        {
            assert_eq!(found(&app, &counter, typed).await, vec![code.as_str()], "{typed}");
        }
        let (_, page) = app.get(Some(&counter), "/api/v1/dossiers/search?q=0912345678").await;
        assert_eq!(page["recognised_as"], "phone");
        let name = page["items"][0]["applicant_name"].as_str().unwrap();
        assert!(name != "Nguyễn Văn An" && name.starts_with('N') && name.contains('*'), "masked in the list: {name}");

        // Another commune's officer does not find it, by any key.
        let other = app.login("motcua.hoaan").await;
        assert!(found(&app, &other, &code).await.is_empty());
        assert!(found(&app, &other, "0912345678").await.is_empty());
        // A citizen and an administrator may not search.
        let citizen = app.login("congdan").await;
        let (s, _) = app.get(Some(&citizen), "/api/v1/dossiers/search?q=an").await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let admin = app.login("admin").await;
        let (s, _) = app.get(Some(&admin), "/api/v1/dossiers/search?q=an").await;
        assert_eq!(s, StatusCode::FORBIDDEN);

        // Bad input: each with its code and field.
        for (path, code_, field) in [
            ("/api/v1/dossiers/search?q=", "search_query_required", "q"),
            ("/api/v1/dossiers/search?q=12345", "search_query_unrecognised", "q"),
            (
                "/api/v1/dossiers/search?q=an&received_from=2026-03-10&received_to=2026-03-01",
                "search_range_invalid",
                "from",
            ),
            ("/api/v1/dossiers/search?q=an&received_from=10%2F03%2F2026", "invalid_date", "received_from"),
        ] {
            app.fetch(Some(&counter), path).await.assert_error(422, code_, Some(field));
        }
    }
);

both_backends!(
    every_staff_view_of_an_applicant_is_recorded_for_the_administrator,
    TestApp::builder().dossiers(0),
    |app| async move {
        let counter = app.login("motcua").await;
        let d = app.create_dossier(&counter, &submission(BIRTH)).await;
        let code = d.assert_status(201)["code"].as_str().unwrap().to_owned();
        let admin = app.login("admin").await;
        let views = |token: String, path: String| {
            let app = &app;
            async move { app.get(Some(&token), &path).await }
        };
        let (_, before) = views(admin.clone(), format!("/api/v1/data-views?dossier={code}")).await;
        let n0 = before["items"].as_array().unwrap().len();

        // The API answer and the office page each add a line; the citizen's
        // own look at their dossier does not.
        app.dossier(&counter, &code).await;
        let b = Browser::new(&app, Some("motcua"), None).await;
        b.get(&format!("/office/dossiers/{code}")).await.assert_status(200);
        let (_, after) = views(admin.clone(), format!("/api/v1/data-views?dossier={code}")).await;
        let items = after["items"].as_array().unwrap();
        assert_eq!(items.len(), n0 + 2, "{after:#}");
        assert_eq!((items[0]["via"].as_str(), items[0]["username"].as_str()), (Some("page"), Some("motcua")));
        assert_eq!(items[1]["via"], "api");
        assert_eq!(items[0]["dossier_code"], code.as_str());

        // A commune's administrator sees its own staff's views; a department's
        // administrator does not; others may not read the record at all.
        let commune_admin = app.login("quantri.xa").await;
        let (s, mine) = views(commune_admin, format!("/api/v1/data-views?dossier={code}")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(mine["items"].as_array().unwrap().len(), n0 + 2);
        let dept_admin = app.login("quantri.snmt").await;
        let (_, theirs) = views(dept_admin, format!("/api/v1/data-views?dossier={code}")).await;
        assert!(theirs["items"].as_array().unwrap().is_empty());
        let (s, _) = views(counter.clone(), "/api/v1/data-views".into()).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        app.fetch(Some(&admin), "/api/v1/data-views?dossier=H11.100-000000-9999").await.assert_error(
            422,
            "dossier_not_found",
            Some("dossier"),
        );
    }
);

both_backends!(
    the_search_page_finds_in_both_languages_and_shows_errors_beside_the_box,
    TestApp::builder().dossiers(0),
    |app| async move {
        let counter = app.login("motcua").await;
        let d = app.create_dossier(&counter, &submission(BIRTH)).await;
        let code = d.assert_status(201)["code"].as_str().unwrap().to_owned();
        for (lang, by_name, none) in [
            ("vi", "Tìm theo họ tên người nộp", "Không tìm thấy hồ sơ nào"),
            ("en", "Searched by applicant", "No dossier of your units"),
        ] {
            let b = Browser::new(&app, Some("motcua"), Some(lang)).await;
            let page = b.get("/office/search?q=nguyen+van+an").await;
            let html = page.assert_status(200);
            assert!(html.contains(&format!(">{code}</a>")), "{lang}: the dossier is listed");
            assert!(html.contains(by_name), "{lang}: {html}");
            assert!(!html.contains("Nguyễn Văn An"), "{lang}: the name is masked in the list");
            let page = b.get("/office/search?q=Tr%E1%BA%A7n+Th%E1%BB%8B+Kh%C3%B4ng").await;
            assert!(page.assert_status(200).contains(none), "{lang}");
            // An unrecognisable query: 422, the message beside the box, the
            // typed text kept.
            let page = b.get("/office/search?q=12345").await;
            assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(page.body.contains("aria-invalid=\"true\"") && page.body.contains("value=\"12345\""));
        }
        // The administrator's record page lists the view of the dossier page.
        let b = Browser::new(&app, Some("motcua"), None).await;
        b.get(&format!("/office/dossiers/{code}?from=search")).await.assert_status(200);
        let admin = Browser::new(&app, Some("admin"), Some("en")).await;
        let page = admin.get(&format!("/admin/data-views?dossier={code}")).await;
        let html = page.assert_status(200);
        assert!(html.contains("Dossier page") && html.contains(">motcua<"), "{html}");
    }
);
