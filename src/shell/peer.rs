//! Who is on the other end of the hub's socket, and whether they may
//! attach. The name an action is recorded under is the one the operating
//! system gives for the peer's user id, never one the console claims; the
//! state directory and the socket are open to their owner and, when one is
//! configured, a group, and to nobody else.

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};

use nix::unistd::{Gid, Group, Uid, User};
use tokio::net::{UnixListener, UnixStream};

/// The longest socket path the kernel takes (`sun_path` less its NUL).
pub const SOCKET_PATH_MAX: usize = 107;

#[derive(Debug, thiserror::Error)]
pub enum PeerError {
    #[error("cannot tell who is on the other end of the socket: {0}")]
    Credentials(#[source] std::io::Error),
    #[error(
        "user {user} may not attach to this hub: it admits {owner}{group}; ask its owner to run it with --group"
    )]
    NotAdmitted {
        user: String,
        owner: String,
        group: String,
    },
    #[error("no group named {0:?} (given with --group)")]
    NoSuchGroup(String),
    #[error("the socket path {path} is {len} bytes; the most a Unix socket path can be is {SOCKET_PATH_MAX}: use a shorter --state-dir", path = .path.display())]
    PathTooLong { path: PathBuf, len: usize },
    #[error("a hub already serves {path}", path = .0.display())]
    AlreadyServed(PathBuf),
    #[error("cannot prepare {path}: {source}", path = .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// A console on the socket, as the operating system names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Peer {
    pub uid: u32,
    pub gid: u32,
    pub pid: Option<i32>,
    /// The user's login name, from the user database.
    pub user: String,
}

/// The peer of `stream`, from the kernel's credentials for the socket.
pub fn identify(stream: &UnixStream) -> Result<Peer, PeerError> {
    let cred = stream.peer_cred().map_err(PeerError::Credentials)?;
    Ok(Peer {
        uid: cred.uid(),
        gid: cred.gid(),
        pid: cred.pid(),
        user: user_name(cred.uid()),
    })
}

/// The login name of user `uid`, or `uid N` when the user database has none.
pub fn user_name(uid: u32) -> String {
    match User::from_uid(Uid::from_raw(uid)) {
        Ok(Some(user)) => crate::untrusted::clean(&user.name).into_owned(),
        _ => format!("uid {uid}"),
    }
}

/// The name of the user this process runs as (whatever `USER` says).
pub fn own_user_name() -> String {
    user_name(Uid::current().as_raw())
}

/// Who may attach: the hub's own user, and the members of a group.
#[derive(Clone, Debug)]
pub struct Access {
    owner: u32,
    group: Option<Group>,
}

impl Access {
    /// The owner is this process's user; `group` names the group also admitted.
    pub fn new(group: Option<&str>) -> Result<Self, PeerError> {
        let group = group.map(find_group).transpose()?;
        Ok(Self {
            owner: Uid::current().as_raw(),
            group,
        })
    }

    /// Whether `peer` may attach, and if not, a refusal that says why.
    pub fn admit(&self, peer: &Peer) -> Result<(), PeerError> {
        let in_group = self.group.as_ref().is_some_and(|g| {
            g.gid.as_raw() == peer.gid
                || g.mem.contains(&peer.user)
                || User::from_uid(Uid::from_raw(peer.uid))
                    .ok()
                    .flatten()
                    .is_some_and(|u| u.gid == g.gid)
        });
        if peer.uid == self.owner || in_group {
            return Ok(());
        }
        Err(PeerError::NotAdmitted {
            user: peer.user.clone(),
            owner: user_name(self.owner),
            group: self
                .group
                .as_ref()
                .map(|g| format!(" and group {}", g.name))
                .unwrap_or_default(),
        })
    }
}

fn find_group(name: &str) -> Result<Group, PeerError> {
    match Group::from_name(name) {
        Ok(Some(group)) => Ok(group),
        _ => Err(PeerError::NoSuchGroup(name.to_owned())),
    }
}

/// The state directory, made if missing, open to its owner only (0700), or
/// to its owner and `group` (0770, the directory's group set to it).
pub fn prepare_dir(dir: &Path, group: Option<&str>) -> Result<(), PeerError> {
    let io = |source| PeerError::Io {
        path: dir.to_owned(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let mode = restrict(dir, group, 0o700, 0o770)?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode)).map_err(io)
}

/// Sets `path`'s group to `group` (if any) and says which mode it gets.
fn restrict(path: &Path, group: Option<&str>, alone: u32, shared: u32) -> Result<u32, PeerError> {
    let Some(name) = group else {
        return Ok(alone);
    };
    let gid: Gid = find_group(name)?.gid;
    std::os::unix::fs::chown(path, None, Some(gid.as_raw())).map_err(|source| PeerError::Io {
        path: path.to_owned(),
        source,
    })?;
    Ok(shared)
}

/// Listens on `<dir>/hub.sock` (0600, or 0660 for the group). A socket file
/// nobody answers on is left from a hub that died, and is replaced; one a
/// hub answers on is that hub's.
pub fn bind(dir: &Path, group: Option<&str>) -> Result<UnixListener, PeerError> {
    let path = super::hub::socket_path(dir);
    let len = path.as_os_str().len();
    if len > SOCKET_PATH_MAX {
        return Err(PeerError::PathTooLong { path, len });
    }
    let io = |source| PeerError::Io {
        path: path.clone(),
        source,
    };
    if path.exists() {
        if std::os::unix::net::UnixStream::connect(&path).is_ok() {
            return Err(PeerError::AlreadyServed(path));
        }
        std::fs::remove_file(&path).map_err(io)?;
    }
    let listener = UnixListener::bind(&path).map_err(io)?;
    let mode = restrict(&path, group, 0o600, 0o660)?;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).map_err(io)?;
    Ok(listener)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_directory_and_socket_are_the_owners_alone_and_a_stale_socket_is_replaced() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("state");
        prepare_dir(&dir, None).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        let listener = bind(&dir, None).unwrap();
        let socket = super::super::hub::socket_path(&dir);
        assert_eq!(mode(&socket), 0o600);
        // A hub answers: a second one is refused.
        assert!(matches!(bind(&dir, None), Err(PeerError::AlreadyServed(_))));
        drop(listener);
        // Nobody answers on the file left behind: it is replaced.
        assert!(socket.exists());
        let _again = bind(&dir, None).unwrap();
    }

    #[tokio::test]
    async fn a_peer_is_the_user_the_os_names_whatever_user_says() {
        let temp = tempfile::tempdir().unwrap();
        let listener = bind(temp.path(), None).unwrap();
        let socket = super::super::hub::socket_path(temp.path());
        let client = UnixStream::connect(&socket).await.unwrap();
        let (server, _) = listener.accept().await.unwrap();
        let peer = identify(&server).unwrap();
        assert_eq!(peer.uid, Uid::current().as_raw());
        assert_eq!(peer.pid, Some(i32::try_from(std::process::id()).unwrap()));
        let expected = User::from_uid(Uid::current()).unwrap().unwrap().name;
        assert_eq!(peer.user, expected);
        assert_eq!(own_user_name(), expected);
        assert!(Access::new(None).unwrap().admit(&peer).is_ok());
        let stranger = Peer {
            uid: peer.uid + 1,
            gid: peer.gid + 1,
            pid: None,
            user: "mallory".into(),
        };
        let refusal = Access::new(None).unwrap().admit(&stranger).unwrap_err();
        assert!(
            refusal.to_string().contains("mallory may not attach"),
            "{refusal}"
        );
        drop(client);
    }

    #[test]
    fn a_socket_path_over_the_limit_is_named() {
        let long = PathBuf::from(format!("/tmp/{}", "d".repeat(120)));
        let e = bind(&long, None).unwrap_err();
        assert!(e.to_string().contains("use a shorter --state-dir"), "{e}");
        assert!(!long.exists(), "nothing made");
    }
}
