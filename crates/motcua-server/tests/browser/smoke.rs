//! The login page in both languages, and each role landing on its own page.

use crate::harness::Browser;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_page_in_both_languages_and_role_landing() {
    let Some(mut b) = Browser::start("smoke").await else { return };
    b.open("/login").await;
    assert!(b.text().await.contains("Đăng nhập"), "Vietnamese by default");
    b.shot("login-vi").await;
    b.set_language("en").await;
    assert_eq!(b.path().await, "/login");
    assert!(b.text().await.contains("Log in"));
    b.shot("login-en").await;

    b.login("motcua", "wrong password").await;
    assert!(b.text().await.contains("Wrong username or password"), "{}", b.text().await);
    b.login("motcua", "motcua-demo-2026").await;
    assert_eq!(b.path().await, "/office/intake");
    b.logout().await;
    assert!(b.text().await.contains("You have logged out."));
    b.finish().await;
}
