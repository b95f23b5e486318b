//! What the store's integration tests share: one scenario, two databases.
//!
//! `on_both!(a, b)` turns each `async fn a(store: Store)` into two tests,
//! `sqlite::a` (always) and `postgres::a` (when `MOTCUA_TEST_POSTGRES_URL`
//! is set; otherwise it says SKIPPED and passes), each on a fresh,
//! migrated store.

use motcua_rules::codes::DossierCodeFormat;
pub mod fixtures;

use motcua_store::Store;

/// A fresh store at `url`, migrated, with its own temporary file store
/// (removed with the store).
pub async fn open(url: String) -> Store {
    let files = motcua_store::FileStore::temporary();
    let store = Store::open_with_files(&url, DossierCodeFormat::Circular01, files).expect("open");
    store.migrate().await.expect("migrate");
    store
}

macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let store = $crate::common::open(motcua_store::testing::sqlite_url()).await;
                    super::$name(store).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(url) = motcua_store::testing::postgres_url(stringify!($name)) else { return };
                    let store = $crate::common::open(url).await;
                    super::$name(store).await;
                }
            )*
        }
    };
}
