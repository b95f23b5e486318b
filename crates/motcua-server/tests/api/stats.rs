//! Statistics move with the dossiers, for the caller's units only.

use serde_json::Value;

fn row_for(stats: &Value, unit_id: &Value) -> Value {
    stats.as_array().unwrap().iter().find(|r| &r["unit_id"] == unit_id).cloned().unwrap_or(Value::Null)
}

both_backends!(unit_statistics_follow_each_action, |app| async move {
    let counter = app.login("motcua").await;
    let leader = app.login("lanhdao").await;
    let specialist = app.login("chuyenvien").await;
    let period = "/api/v1/stats/units?from=2026-03-04&to=2026-03-04";
    let (status, before) = app.get(Some(&counter), period).await;
    assert_eq!(status, 200, "{before}");

    let d = app.counter_intake().await;
    let unit = d["receiving_unit_id"].clone();
    let code = d["code"].as_str().unwrap().to_owned();
    let (_, after_intake) = app.get(Some(&counter), period).await;
    let (b, a) = (row_for(&before, &unit), row_for(&after_intake, &unit));
    let n = |v: &Value, k: &str| v[k].as_i64().unwrap_or(0);
    assert_eq!(n(&a, "received_counter"), n(&b, "received_counter") + 1);
    assert_eq!(n(&a, "in_process_within_due"), n(&b, "in_process_within_due") + 1);

    app.act_ok(&counter, &code, "forward", None).await;
    app.act_ok(&specialist, &code, "forward", None).await;
    app.act_ok(&leader, &code, "finish", None).await;
    let (_, done) = app.get(Some(&counter), period).await;
    let f = row_for(&done, &unit);
    assert_eq!(
        n(&f, "resolved_early") + n(&f, "resolved_on_time"),
        n(&b, "resolved_early") + n(&b, "resolved_on_time") + 1
    );
    assert_eq!(n(&f, "in_process_within_due"), n(&b, "in_process_within_due"));

    // Bad periods name the parameter; citizens see no statistics.
    let (status, err) = app.get(Some(&counter), "/api/v1/stats/units?from=2026-03-05&to=2026-03-04").await;
    assert_eq!((status.as_u16(), err["error"]["field"].as_str()), (422, Some("to")));
    let (status, err) = app.get(Some(&counter), "/api/v1/stats/units?from=4/3/2026&to=2026-03-04").await;
    assert_eq!((status.as_u16(), err["error"]["code"].as_str()), (422, Some("invalid_date")));
    let citizen = app.login("congdan").await;
    let (status, _) = app.get(Some(&citizen), period).await;
    assert_eq!(status, 403);
});
