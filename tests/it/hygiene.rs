//! Outside text and odd inputs at every exit: hostile names never leave the
//! process raw (stdout, stderr, the log, reports), a secret never comes back
//! out in a message, and a secret file that is not a file is refused.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::cli::floorwatch;

/// Runs a command that must end by itself; one still running after `limit`
/// is killed and reported as hanging (a generous bound: the machine is shared).
fn finishes(command: &mut Command, limit: Duration) -> Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            let output = child.wait_with_output().unwrap();
            panic!(
                "{command:?} still running after {limit:?}: it hangs. stderr: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn check_config_with_secret_file(dir: &Path, secret_file: &Path) -> Output {
    let config = dir.join("floorwatch.toml");
    std::fs::write(
        &config,
        format!(
            "[platform]\nkind = \"http\"\nurl = \"http://127.0.0.1:9/\"\nsecret_file = \"{}\"\n",
            secret_file.display()
        ),
    )
    .unwrap();
    finishes(
        floorwatch()
            .arg("check-config")
            .arg(&config)
            .env_remove("FLOORWATCH_CONFIG"),
        Duration::from_secs(60),
    )
}

mod odd_files {
    use super::*;

    fn refused_naming(output: &Output, file: &Path, why: &str) {
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{stderr}");
        assert!(
            stderr.contains(&file.display().to_string()) && stderr.contains("secret_file"),
            "names the file and the key: {stderr}"
        );
        assert!(stderr.contains(why), "says why ({why}): {stderr}");
    }

    #[test]
    fn a_fifo_as_secret_file_is_refused_not_read_forever() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("token.fifo");
        let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        std::fs::set_permissions(&fifo, std::fs::Permissions::from_mode(0o600)).unwrap();
        let output = check_config_with_secret_file(dir.path(), &fifo);
        refused_naming(&output, &fifo, "not a regular file (a FIFO)");
    }

    #[test]
    fn a_fifo_as_ca_file_is_refused_not_read_forever() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("ca.fifo");
        assert!(
            Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let config = dir.path().join("floorwatch.toml");
        std::fs::write(
            &config,
            format!(
                "[platform]\nkind = \"http\"\nurl = \"https://127.0.0.1:9/\"\nca_file = \"{}\"\n",
                fifo.display()
            ),
        )
        .unwrap();
        let output = finishes(
            floorwatch().arg("check-config").arg(&config),
            Duration::from_secs(60),
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{stderr}");
        assert!(
            stderr.contains("ca.fifo") && stderr.contains("not a regular file (a FIFO)"),
            "{stderr}"
        );
    }

    #[test]
    fn a_device_as_secret_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let output = check_config_with_secret_file(dir.path(), Path::new("/dev/zero"));
        refused_naming(
            &output,
            Path::new("/dev/zero"),
            "not a regular file (a device)",
        );
    }

    #[test]
    fn a_directory_as_secret_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("secrets");
        std::fs::create_dir(&sub).unwrap();
        std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o700)).unwrap();
        let output = check_config_with_secret_file(dir.path(), &sub);
        refused_naming(&output, &sub, "not a regular file (a directory)");
    }

    #[test]
    fn a_huge_secret_file_is_refused_without_reading_it_all() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("token");
        let file = std::fs::File::create(&big).unwrap();
        // Sparse: a gigabyte on paper, nothing on disk.
        file.set_len(1 << 30).unwrap();
        std::fs::set_permissions(&big, std::fs::Permissions::from_mode(0o600)).unwrap();
        let output = check_config_with_secret_file(dir.path(), &big);
        refused_naming(&output, &big, "larger than");
    }
}
