//! The S3 backend against a real S3 protocol server: moto's `moto_server`
//! (PyPI `moto[server]`), started on a free port. Without it the test says
//! SKIPPED and passes, unless `MOTCUA_TEST_S3=require` (`.ci/run` installs
//! moto and sets it). `MOTCUA_TEST_MOTO_SERVER` names the executable when
//! it is not on PATH.

use std::collections::HashSet;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, SystemTime};

use motcua_files::{FileStore, FilesError, hash_of};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// One unsigned HTTP request (moto does not check signatures, and lets
/// anyone create a bucket); the status.
fn http(port: u16, method: &str, path: &str, body: &[u8]) -> std::io::Result<u16> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes())?;
    s.write_all(body)?;
    let mut answer = String::new();
    s.read_to_string(&mut answer)?;
    Ok(answer.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0))
}

fn start_moto() -> Option<(Server, u16)> {
    let exe = std::env::var("MOTCUA_TEST_MOTO_SERVER").unwrap_or_else(|_| "moto_server".into());
    let port = free_port();
    let child = Command::new(&exe)
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let Ok(child) = child else {
        let message = format!("SKIPPED: the S3 backend test ({exe} not found; pip install 'moto[server]')");
        assert!(std::env::var("MOTCUA_TEST_S3").as_deref() != Ok("require"), "{message}");
        let _ = writeln!(std::io::stderr(), "{message}");
        return None;
    };
    let server = Server(child);
    for _ in 0..100 {
        if http(port, "GET", "/", b"").is_ok() {
            return Some((server, port));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("moto_server did not answer on port {port}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_s3_backend_keeps_the_file_store_contract() {
    let Some((_server, port)) = start_moto() else { return };
    assert_eq!(http(port, "PUT", "/motcua", b"").unwrap(), 200, "bucket created");
    // SAFETY: this test binary has this one test, which sets the variables
    // before any other thread reads the environment.
    unsafe {
        std::env::set_var("AWS_ACCESS_KEY_ID", "test");
        std::env::set_var("AWS_SECRET_ACCESS_KEY", "test");
        std::env::set_var("AWS_REGION", "us-east-1");
        std::env::set_var("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{port}"));
        std::env::set_var("AWS_ALLOW_HTTP", "true");
    }
    let store = FileStore::open("s3://motcua/h11/files").unwrap();
    assert_eq!(store.location(), "s3://motcua/h11/files");

    let hash = store.put(b"ket qua ky so").await.unwrap();
    assert_eq!(hash, hash_of(b"ket qua ky so"));
    assert_eq!(store.get(&hash).await.unwrap().as_deref(), Some(&b"ket qua ky so"[..]));
    assert!(store.exists(&hash).await.unwrap());
    assert_eq!(store.put(b"ket qua ky so").await.unwrap(), hash, "the same bytes, the same name");
    let absent = hash_of(b"never stored");
    assert_eq!(store.get(&absent).await.unwrap(), None);
    assert!(!store.exists(&absent).await.unwrap());

    // Stored under the prefix, two levels of the hash (seen by a client
    // of its own, which the end of the test also uses to change the bytes).
    use object_store::ObjectStore;
    let raw = object_store::aws::AmazonS3Builder::from_env().with_bucket_name("motcua").build().unwrap();
    let key = object_store::path::Path::from(format!("h11/files/{}/{}/{hash}", &hash[..2], &hash[2..4]));
    assert_eq!(raw.head(&key).await.unwrap().size, 13);

    let orphan = store.put(b"a failed transaction's file").await.unwrap();
    let mut listed: Vec<String> = store.list().await.unwrap().into_iter().map(|f| f.hash).collect();
    listed.sort();
    let mut expected = vec![hash.clone(), orphan.clone()];
    expected.sort();
    assert_eq!(listed, expected);

    let referenced: HashSet<String> = [hash.clone()].into();
    let day = Duration::from_secs(86_400);
    let report = store.sweep(&referenced, SystemTime::now() - day).await.unwrap();
    assert_eq!((report.removed.len(), report.young, report.referenced), (0, 1, 1), "young orphans stay");
    let report = store.sweep(&referenced, SystemTime::now() + day).await.unwrap();
    assert_eq!(report.removed, vec![orphan.clone()]);
    assert!(!store.exists(&orphan).await.unwrap());
    assert!(store.exists(&hash).await.unwrap());

    // Bytes changed behind the store's back are refused.
    raw.put(&key, b"changed".to_vec().into()).await.unwrap();
    assert!(matches!(store.get(&hash).await, Err(FilesError::Corrupt(h)) if h == hash));
}
