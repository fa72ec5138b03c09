use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};

use super::*;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn the_database_name_of_this_process() -> String {
    User::from_uid(Uid::current()).unwrap().unwrap().name
}

#[tokio::test]
async fn the_directory_and_socket_are_the_owners_alone() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("state");
    prepare_dir(&dir, None).unwrap();
    assert_eq!(mode(&dir), 0o700);
    // A directory made too open by hand is closed again.
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    prepare_dir(&dir, None).unwrap();
    assert_eq!(mode(&dir), 0o700);

    let _listener = bind(&dir, None).unwrap();
    assert_eq!(mode(&socket_path(&dir)), 0o600);
}

#[tokio::test]
async fn with_a_group_its_members_get_in_too() {
    let Some(group) = Group::from_gid(Gid::current()).unwrap() else {
        return;
    };
    let group = AccessGroup::named(&group.name).unwrap();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("state");
    prepare_dir(&dir, Some(&group)).unwrap();
    assert_eq!(mode(&dir), 0o770);
    assert_eq!(std::fs::metadata(&dir).unwrap().gid(), group.gid);
    let _listener = bind(&dir, Some(&group)).unwrap();
    let socket = socket_path(&dir);
    assert_eq!(mode(&socket), 0o660);
    assert_eq!(std::fs::metadata(&socket).unwrap().gid(), group.gid);
}

#[test]
fn an_unknown_group_is_named() {
    let error = AccessGroup::named("no-such-group-floorwatch").unwrap_err();
    assert!(
        error.to_string().contains("\"no-such-group-floorwatch\""),
        "{error}"
    );
}

#[tokio::test]
async fn a_socket_nobody_answers_on_is_replaced() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let dead = bind(dir, None).unwrap();
    drop(dead); // the hub died: its socket file stays behind
    assert!(socket_path(dir).exists());
    let listener = bind(dir, None).unwrap();
    let client = UnixStream::connect(socket_path(dir)).await.unwrap();
    let (served, _) = listener.accept().await.unwrap();
    assert_eq!(
        identify(&served).unwrap().pid,
        Some(i32::try_from(std::process::id()).unwrap())
    );
    drop(client);
}

#[tokio::test]
async fn a_live_hub_is_never_displaced() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let live = bind(dir, None).unwrap();
    let error = bind(dir, None).unwrap_err();
    assert!(matches!(error, PeerError::HubRunning { .. }), "{error:?}");
    assert!(error.to_string().contains("hub.sock"), "{error}");
    // The live hub still takes connections.
    let _client = UnixStream::connect(socket_path(dir)).await.unwrap();
    live.accept().await.unwrap();
}

#[tokio::test]
async fn a_file_that_is_not_a_socket_is_left_alone() {
    let temp = tempfile::tempdir().unwrap();
    std::fs::write(socket_path(temp.path()), "notes").unwrap();
    let error = bind(temp.path(), None).unwrap_err();
    assert!(matches!(error, PeerError::NotASocket { .. }), "{error:?}");
    assert_eq!(
        std::fs::read_to_string(socket_path(temp.path())).unwrap(),
        "notes"
    );
}

#[tokio::test]
async fn a_socket_path_over_the_limit_is_a_clear_error() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("d".repeat(120));
    std::fs::create_dir_all(&dir).unwrap();
    let error = bind(&dir, None).unwrap_err();
    let PeerError::PathTooLong { len, limit, .. } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(*limit, 107);
    assert!(*len > 107);
    let said = error.to_string();
    assert!(
        said.contains(&socket_path(&dir).display().to_string()) && said.contains("--state-dir"),
        "{said}"
    );
}

#[tokio::test]
async fn the_peer_is_named_by_the_user_database() {
    let (ours, theirs) = UnixStream::pair().unwrap();
    let peer = identify(&ours).unwrap();
    assert_eq!(peer.uid, Uid::current().as_raw());
    assert_eq!(peer.name, the_database_name_of_this_process());
    assert_eq!(peer.pid, Some(i32::try_from(std::process::id()).unwrap()));
    drop(theirs);
    assert_eq!(own_user_name(), the_database_name_of_this_process());
}

/// Runs the test named `name` in a child process with `USER` removed or
/// set to another name.
fn run_alone_with(name: &str, user: Option<&str>) {
    let mut child = std::process::Command::new(std::env::current_exe().unwrap());
    child.args(["--exact", name, "--test-threads=1"]);
    child.env("FLOORWATCH_PEER_TEST_CHILD", "1");
    match user {
        Some(user) => child.env("USER", user),
        None => child.env_remove("USER"),
    };
    let out = child.output().unwrap();
    assert!(
        out.status.success() && String::from_utf8_lossy(&out.stdout).contains("1 passed"),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_own_name_does_not_come_from_the_environment() {
    const NAME: &str = "shell::peer::tests::the_own_name_does_not_come_from_the_environment";
    if std::env::var_os("FLOORWATCH_PEER_TEST_CHILD").is_none() {
        run_alone_with(NAME, None);
        run_alone_with(NAME, Some("mallory"));
        return;
    }
    let name = own_user_name();
    assert_eq!(name, the_database_name_of_this_process());
    assert_ne!(name, "mallory");
    assert_ne!(name, "unknown user");
}

#[test]
fn only_the_owner_and_the_group_may_attach() {
    let owner = Uid::current().as_raw();
    let stranger = Peer {
        uid: 54_321,
        gid: 54_321,
        pid: Some(7),
        name: "bob".to_string(),
    };
    let me = Peer {
        uid: owner,
        gid: 54_321,
        pid: None,
        name: the_database_name_of_this_process(),
    };
    let floor = AccessGroup {
        name: "floor".to_string(),
        gid: 4_000,
        members: vec!["carol".to_string()],
    };
    assert!(may_attach(&me, owner, None).is_ok());
    assert!(may_attach(&me, owner, Some(&floor)).is_ok());

    let error = may_attach(&stranger, owner, None).unwrap_err();
    let said = error.to_string();
    assert!(
        said.contains("bob (uid 54321) may not use this hub")
            && said.contains(&format!("only {}", me.name)),
        "{said}"
    );
    let said = may_attach(&stranger, owner, Some(&floor))
        .unwrap_err()
        .to_string();
    assert!(said.contains("members of the group floor"), "{said}");

    let listed = Peer {
        name: "carol".to_string(),
        ..stranger.clone()
    };
    let by_primary_group = Peer {
        gid: 4_000,
        ..stranger.clone()
    };
    assert!(may_attach(&listed, owner, Some(&floor)).is_ok());
    assert!(may_attach(&by_primary_group, owner, Some(&floor)).is_ok());
    assert!(
        may_attach(&listed, owner, None).is_err(),
        "no group configured"
    );
}
