//! The log filter: what `MOTCUA_LOG` asks for, minus what could write
//! personal data.
//!
//! The server's own events carry ids and codes, never names, phone numbers,
//! ID numbers or notes. Some libraries below it are not so careful at their
//! verbose levels: the PostgreSQL driver writes every statement's parameters
//! at `debug` ("executing statement … with parameters: [\"Nguyễn Văn An\",
//! …]"), and axum's rejections at `trace` may quote the rejected value. So
//! whatever `MOTCUA_LOG` says, those targets log at most warnings: their
//! directives in `MOTCUA_LOG` are dropped and a `warn` cap added.

use tracing_subscriber::EnvFilter;

/// Log targets that may write request data below `warn`, capped there.
pub const CAPPED_TARGETS: &[&str] = &["tokio_postgres", "postgres", "rusqlite", "r2d2", "axum::rejection"];

/// The filter for `spec` (the value of `MOTCUA_LOG`; `None` or an invalid
/// value means `info`), with [`CAPPED_TARGETS`] at `warn`.
pub fn filter(spec: Option<&str>) -> EnvFilter {
    let kept: Vec<&str> = spec
        .unwrap_or("info")
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty() && !CAPPED_TARGETS.iter().any(|t| names_target(d, t)))
        .collect();
    let mut filter = EnvFilter::try_new(kept.join(",")).unwrap_or_else(|_| EnvFilter::new("info"));
    if kept.is_empty() {
        filter = EnvFilter::new("info");
    }
    for target in CAPPED_TARGETS {
        if let Ok(d) = format!("{target}=warn").parse() {
            filter = filter.add_directive(d);
        }
    }
    filter
}

/// Whether the directive `d` (`target[span{field}]=level`) is about
/// `target` or a module under it.
fn names_target(d: &str, target: &str) -> bool {
    let name = d.split(['=', '[']).next().unwrap_or("").trim();
    name == target || name.strip_prefix(target).is_some_and(|rest| rest.starts_with("::"))
}

/// Installs the process's subscriber: text lines to `writer` (standard
/// output in `motcua`), filtered by [`filter`]. Records of the `log` crate
/// (the PostgreSQL driver) go through the same filter.
pub fn init<W>(spec: Option<&str>, writer: W) -> Result<(), String>
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    tracing_subscriber::fmt().with_env_filter(filter(spec)).with_writer(writer).try_init().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_driver_targets_are_capped_whatever_is_asked() {
        for spec in ["debug", "trace", "tokio_postgres=trace", "tokio_postgres::query=debug,info", "postgres=debug"] {
            let text = filter(Some(spec)).to_string();
            assert!(!text.contains("tokio_postgres=debug") && !text.contains("tokio_postgres=trace"), "{spec}: {text}");
            assert!(!text.contains("tokio_postgres::query"), "{spec}: {text}");
            assert!(text.contains("tokio_postgres=warn"), "{spec}: {text}");
        }
        // The rest of the request is kept.
        assert!(filter(Some("motcua_server=debug,tokio_postgres=trace")).to_string().contains("motcua_server=debug"));
        assert!(names_target("axum::rejection=trace", "axum::rejection"));
        assert!(!names_target("axum=trace", "axum::rejection"));
        assert!(!names_target("postgresql_thing=debug", "postgres"));
    }
}
