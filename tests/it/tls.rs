//! HTTPS to an on-premise PBX whose certificate comes from a private CA:
//! trusted with `ca_file`, refused (with a clear message) without it.

use std::sync::Arc;

use floorwatch::model::PlatformCondition;
use floorwatch::platform::Platform;
use floorwatch::platform::http::HttpPlatform;
use floorwatch::platform::transport::{Transport, TransportSettings};
use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
use reqwest::Url;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use super::faults::{check, test_transport};

const SNAPSHOT: &str = r#"{"schema": "floorwatch.snapshot.v1", "platform": {"kind": "http", "name": "on-prem"},
    "observed_at": "2026-11-23T10:00:00Z", "queues": []}"#;

/// A private CA (its PEM) and an HTTPS server on 127.0.0.1 with a certificate it signed.
async fn private_pki_server() -> (String, String) {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca_cert = ca_params.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);
    let leaf_key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec!["127.0.0.1".to_string()])
        .unwrap()
        .signed_by(&leaf_key, &issuer)
        .unwrap();
    let config = ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(leaf.der().to_vec())],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der())),
        )
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("https://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(stream).await else {
                    return;
                };
                let mut buffer = [0u8; 4096];
                let _ = tls.read(&mut buffer).await;
                let reply = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{SNAPSHOT}",
                    SNAPSHOT.len()
                );
                let _ = tls.write_all(reply.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (url, ca_cert.pem())
}

fn platform(url: &str, settings: TransportSettings) -> HttpPlatform {
    HttpPlatform::new(
        Transport::new(settings).unwrap(),
        Url::parse(url).unwrap(),
        None,
        None,
    )
}

#[tokio::test]
async fn a_private_ca_is_trusted_from_ca_file_and_only_then() {
    let (url, ca_pem) = private_pki_server().await;
    let dir = tempfile::tempdir().unwrap();
    let ca_file = dir.path().join("pbx-ca.pem");
    std::fs::write(&ca_file, ca_pem).unwrap();

    let with_ca = TransportSettings {
        ca_file: Some(ca_file),
        ..test_transport()
    };
    let snapshot = platform(&url, with_ca)
        .poll()
        .await
        .expect("trusted through ca_file");
    assert_eq!(snapshot.platform.name, "on-prem");

    let error = platform(&url, test_transport()).poll().await.unwrap_err();
    check(
        &error,
        PlatformCondition::Unreachable,
        "certificate",
        "unknown issuer",
    );
}
