//! The pages of issue 10's flow: the dossier page's "Phân công" and "Trả lại
//! bước trước" forms, the inbox's two tabs and its bulk approval, in both
//! languages.

use crate::common::TestApp;
use crate::common::html::unescape;
use crate::pages_office::Browser;

async fn user_id(app: &TestApp, username: &str) -> String {
    let token = app.login(username).await;
    let (_, me) = app.get(Some(&token), "/api/v1/auth/me").await;
    me["id"].to_string()
}

/// A counter intake at H11.100 forwarded to step 0 (specialist), or on to
/// step 1 (leader).
async fn at_step(app: &TestApp, at_leader: bool) -> String {
    let d = app.counter_intake().await;
    let code = d["code"].as_str().unwrap().to_owned();
    app.act_ok(&app.login("motcua").await, &code, "forward", None).await;
    if at_leader {
        app.act_ok(&app.login("chuyenvien").await, &code, "forward", None).await;
    }
    code
}

both_backends!(the_dossier_page_assigns_and_the_inbox_tabs_show_it, |app| async move {
    let code = at_step(&app, false).await;
    let leader = Browser::new(&app, Some("lanhdao"), None).await;
    let page = leader.get(&format!("/office/dossiers/{code}")).await;
    page.assert_status(200);
    page.assert_contains(&["Phân công xử lý", "Chưa phân công", "name=\"assignee_id\"", "Trần Văn Minh (Chuyên viên)"]);
    let specialist = user_id(&app, "chuyenvien").await;

    // An officer of another commune: refused on the form, in Vietnamese.
    let other = user_id(&app, "chuyenvien.hoaan").await;
    let res = leader.act(&code, "assign", &[("assignee_id", &other)]).await;
    res.assert_status(422);
    assert!(unescape(&res.body).contains("Chỉ được phân công cho cán bộ của chính đơn vị"), "{}", res.body);
    assert!(res.body.contains("id=\"act-assign-err\""));

    let res = leader.act(&code, "assign", &[("assignee_id", &specialist)]).await;
    res.assert_status(303);
    assert!(res.location().contains("done=acted-assign"), "{}", res.location());
    let page = leader.get(res.location()).await;
    page.assert_contains(&[
        "Đã phân công hồ sơ.",
        "Giao cho Trần Văn Minh (Chuyên viên)",
        "id=\"assigned-now\">Trần Văn Minh",
    ]);

    // The specialist's two lists.
    let mine = Browser::new(&app, Some("chuyenvien"), None).await;
    let assigned = mine.get("/office/inbox?tab=mine").await;
    assigned.assert_contains(&[
        "Được giao cho tôi",
        "Của đơn vị",
        &code,
        "aria-current=\"page\" class=\"tab current\">Được giao cho tôi",
    ]);
    let unit = mine.get("/office/inbox").await;
    unit.assert_contains(&[&code, "aria-current=\"page\" class=\"tab current\">Của đơn vị"]);
    // Not a leader: no checkboxes, no bulk form.
    unit.assert_lacks(&["name=\"item\"", "/office/inbox/bulk"]);
    // The leader has nothing assigned.
    let leaders = leader.get("/office/inbox?tab=mine").await;
    leaders.assert_lacks(&[&code]);
    // In English.
    let en = Browser::new(&app, Some("chuyenvien"), Some("en")).await;
    en.get("/office/inbox?tab=mine").await.assert_contains(&["Assigned to me", "My unit&#39;s", &code]);
});

both_backends!(the_dossier_page_returns_to_an_earlier_step_with_a_reason, |app| async move {
    let code = at_step(&app, true).await;
    let leader = Browser::new(&app, Some("lanhdao"), Some("en")).await;
    let page = leader.get(&format!("/office/dossiers/{code}")).await;
    page.assert_contains(&["Return to an earlier step", "name=\"to_step\"", "Step 1: "]);
    // Without a reason: the form comes back with the message.
    let res = leader.act(&code, "return_to_step", &[("to_step", "0"), ("note", "  ")]).await;
    res.assert_status(422);
    assert!(res.body.contains("id=\"act-return-to-step-err\""), "{}", res.body);
    assert!(unescape(&res.body).contains("A written reason is required"), "{}", res.body);
    // A step that is not earlier.
    let res = leader.act(&code, "return_to_step", &[("to_step", "1"), ("note", "Check again")]).await;
    res.assert_status(422);
    assert!(unescape(&res.body).contains("is not earlier"), "{}", res.body);
    let res = leader.act(&code, "return_to_step", &[("to_step", "0"), ("note", "Thiếu ý kiến thẩm định")]).await;
    res.assert_status(303);
    let page = leader.get(&format!("/office/dossiers/{code}")).await;
    page.assert_contains(&["Returned to an earlier step", "From step 2 back to step 1", "Thiếu ý kiến thẩm định"]);
    // In Vietnamese, the same history line.
    let vi = Browser::new(&app, Some("chuyenvien"), None).await;
    let page = vi.get(&format!("/office/dossiers/{code}")).await;
    page.assert_contains(&["Đã trả lại bước trước", "Từ bước 2 về bước 1"]);
});

both_backends!(the_inbox_bulk_approves_and_reports_each_dossier, |app| async move {
    let mut codes = Vec::new();
    for _ in 0..3 {
        codes.push(at_step(&app, true).await);
    }
    let early = at_step(&app, false).await;
    let leader = Browser::new(&app, Some("lanhdao"), None).await;
    let inbox = leader.get("/office/inbox").await;
    inbox.assert_contains(&["Xử lý hàng loạt", "action=\"/office/inbox/bulk\"", "Hoàn thành, có kết quả"]);
    let mut items: Vec<String> = Vec::new();
    for code in &codes {
        let needle = format!("name=\"item\" value=\"{code}:");
        let at = inbox.body.find(&needle).unwrap_or_else(|| panic!("a checkbox for {code}"));
        let value = &inbox.body[at + "name=\"item\" value=\"".len()..];
        items.push(value.split('"').next().unwrap().to_owned());
    }
    let version = app.dossier(&app.login("lanhdao").await, &early).await["version"].to_string();
    items.push(format!("{early}:{version}"));
    let mut form: Vec<(&str, &str)> = vec![("action", "finish")];
    form.extend(items.iter().map(|i| ("item", i.as_str())));
    let res = leader.post("/office/inbox/bulk", &form).await;
    res.assert_status(200);
    res.assert_contains(&["Thành công 3, không thực hiện được 1.", "Đã thực hiện", "Không thực hiện được"]);
    assert!(unescape(&res.body).contains("Hoàn thành"), "{}", res.body);
    for code in &codes {
        assert_eq!(app.dossier(&app.login("lanhdao").await, code).await["status"]["code"], 9);
    }
    assert_eq!(app.dossier(&app.login("lanhdao").await, &early).await["version"].to_string(), version);
    // The same again, in English: all refused now (the versions moved on).
    let en = Browser::new(&app, Some("lanhdao"), Some("en")).await;
    let res = en.post("/office/inbox/bulk", &form).await;
    res.assert_status(200);
    res.assert_contains(&["0 done, 4 refused.", "Someone else acted on this dossier first"]);
    // Nothing selected; a specialist.
    let res = leader.post("/office/inbox/bulk", &[("action", "finish")]).await;
    res.assert_status(422);
    res.assert_contains(&["Chưa chọn hồ sơ nào."]);
    let specialist = Browser::new(&app, Some("chuyenvien"), None).await;
    specialist.post("/office/inbox/bulk", &form).await.assert_status(403);
});
