//! Who is on the other end of the hub's socket, and who may be: the
//! operating system says who the peer is (its uid from the socket itself,
//! its name from the user database), never the peer.
//!
//! The state directory and the socket are closed to everyone but the owner
//! and, when one is configured, a group: directory 0700 (0770 with the
//! group), socket 0600 (0660). The hub still checks each peer, because
//! root, and a socket path handed on, get past file modes.

use std::io;
use std::os::unix::fs::{FileTypeExt as _, MetadataExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};

use nix::unistd::{Gid, Group, Uid, User};
use tokio::net::{UnixListener, UnixStream};

/// The socket's file name in the state directory.
pub const SOCKET_NAME: &str = "hub.sock";

/// The longest socket path the system takes: `sun_path` holds 108 bytes
/// on Linux, the last of them the terminating NUL.
pub const MAX_SOCKET_PATH: usize = 107;

/// The process on the other end of a connection, as the OS reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Peer {
    pub uid: u32,
    /// Its primary group.
    pub gid: u32,
    /// Its process, when the OS says (for the log).
    pub pid: Option<i32>,
    /// Its user name from the user database, or `uid N` when it has none.
    pub name: String,
}

/// The group whose members may attach besides the owner, as the group
/// database lists it when the hub starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessGroup {
    pub name: String,
    pub gid: u32,
    /// Users listed as members (those whose primary group it is are members too).
    pub members: Vec<String>,
}

impl AccessGroup {
    /// The group called `name` in the group database.
    pub fn named(name: &str) -> Result<AccessGroup, PeerError> {
        match Group::from_name(name) {
            Ok(Some(group)) => Ok(AccessGroup {
                name: group.name,
                gid: group.gid.as_raw(),
                members: group.mem,
            }),
            Ok(None) => Err(PeerError::NoSuchGroup {
                name: name.to_string(),
            }),
            Err(e) => Err(PeerError::GroupLookup {
                name: name.to_string(),
                source: io::Error::from(e),
            }),
        }
    }
}

/// Why the hub's socket or directory could not be set up, or a peer not
/// identified or let in.
#[derive(Debug, thiserror::Error)]
pub enum PeerError {
    #[error(
        "the hub socket path {path} is {len} bytes long; sockets take at most {limit}: use a shorter --state-dir"
    )]
    PathTooLong {
        path: PathBuf,
        len: usize,
        limit: usize,
    },
    #[error("a hub already answers on {path}")]
    HubRunning { path: PathBuf },
    #[error("{path} exists and is not a socket; move it away so the hub can listen there")]
    NotASocket { path: PathBuf },
    #[error("cannot {what} {path}: {source}")]
    Io {
        what: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("there is no group {name:?} in the group database")]
    NoSuchGroup { name: String },
    #[error("cannot look up the group {name:?}: {source}")]
    GroupLookup {
        name: String,
        #[source]
        source: io::Error,
    },
    #[error("cannot tell who is connecting: {0}")]
    Credentials(#[source] io::Error),
    #[error("{peer} (uid {uid}) may not use this hub: only {allowed} may")]
    Refused {
        peer: String,
        uid: u32,
        /// Who may: the owner, and the group when there is one.
        allowed: String,
    },
}

/// Who is at the other end of `stream`, from the socket's credentials.
pub fn identify(stream: &UnixStream) -> Result<Peer, PeerError> {
    let cred = stream.peer_cred().map_err(PeerError::Credentials)?;
    Ok(Peer {
        uid: cred.uid(),
        gid: cred.gid(),
        pid: cred.pid(),
        name: user_name(cred.uid()),
    })
}

/// The name of `uid` in the user database, or `uid N` when it has no entry
/// (a container's user often has none): never a name taken from the environment.
pub fn user_name(uid: u32) -> String {
    match User::from_uid(Uid::from_raw(uid)) {
        Ok(Some(user)) => user.name,
        _ => format!("uid {uid}"),
    }
}

/// The name of the user running this process (the host console's operator).
pub fn own_user_name() -> String {
    user_name(Uid::current().as_raw())
}

/// Whether `peer` may attach to the hub of the user `owner`: the owner
/// may, and members of `group` when one is configured; nobody else.
pub fn may_attach(peer: &Peer, owner: u32, group: Option<&AccessGroup>) -> Result<(), PeerError> {
    let in_group = group.is_some_and(|g| peer.gid == g.gid || g.members.contains(&peer.name));
    if peer.uid == owner || in_group {
        return Ok(());
    }
    let owner_name = user_name(owner);
    Err(PeerError::Refused {
        peer: peer.name.clone(),
        uid: peer.uid,
        allowed: match group {
            Some(g) => format!("{owner_name} and members of the group {}", g.name),
            None => owner_name,
        },
    })
}

/// Makes the state directory `dir` (if missing) and closes it to all but
/// its owner: mode 0700, or 0770 and owned by `group`. A directory of
/// another user (a group member attaching) is left as it is.
pub fn prepare_dir(dir: &Path, group: Option<&AccessGroup>) -> Result<(), PeerError> {
    let io_error = |what, source| PeerError::Io {
        what,
        path: dir.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(|e| io_error("create the directory", e))?;
    let meta = std::fs::metadata(dir).map_err(|e| io_error("read", e))?;
    if meta.uid() != Uid::current().as_raw() {
        return Ok(());
    }
    restrict(dir, group, 0o700)
}

/// Sets `path` to `private_mode` (the group bits copied from the owner's
/// with a group) and hands it to the group.
fn restrict(path: &Path, group: Option<&AccessGroup>, private_mode: u32) -> Result<(), PeerError> {
    let io_error = |what, source| PeerError::Io {
        what,
        path: path.to_path_buf(),
        source,
    };
    let mode = match group {
        Some(g) => {
            nix::unistd::chown(path, None, Some(Gid::from_raw(g.gid)))
                .map_err(|e| io_error("give the group", io::Error::from(e)))?;
            private_mode | ((private_mode & 0o700) >> 3)
        }
        None => private_mode,
    };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .map_err(|e| io_error("set the mode of", e))
}

/// Where the hub of the state directory `dir` listens.
pub fn socket_path(dir: &Path) -> PathBuf {
    dir.join(SOCKET_NAME)
}

/// Listens at `<dir>/hub.sock`, mode 0600 (0660 for `group`). A socket
/// left by a hub that died (nobody answers) is replaced; a live hub is
/// never displaced. Must be called inside a tokio runtime.
pub fn bind(dir: &Path, group: Option<&AccessGroup>) -> Result<UnixListener, PeerError> {
    let path = socket_path(dir);
    let len = path.as_os_str().len();
    if len > MAX_SOCKET_PATH {
        return Err(PeerError::PathTooLong {
            path,
            len,
            limit: MAX_SOCKET_PATH,
        });
    }
    remove_if_stale(&path)?;
    let listener = UnixListener::bind(&path).map_err(|e| match e.kind() {
        // Another hub bound it between our look and our bind.
        io::ErrorKind::AddrInUse => PeerError::HubRunning { path: path.clone() },
        _ => PeerError::Io {
            what: "listen on",
            path: path.clone(),
            source: e,
        },
    })?;
    restrict(&path, group, 0o600)?;
    Ok(listener)
}

/// The socket file a hub listens on, as it was made: removed when the hub
/// stops cleanly, unless another hub has since put its own there.
pub struct SocketFile {
    path: PathBuf,
    inode: (u64, u64),
}

impl SocketFile {
    /// The file `listener` listens on, if it has one.
    pub fn of(listener: &UnixListener) -> Option<Self> {
        let addr = listener.local_addr().ok()?;
        let path = addr.as_pathname()?.to_path_buf();
        let meta = std::fs::symlink_metadata(&path).ok()?;
        Some(Self {
            inode: (meta.dev(), meta.ino()),
            path,
        })
    }

    /// Removes the file if it is still the one this hub made.
    pub fn remove(self) {
        let ours = std::fs::symlink_metadata(&self.path)
            .is_ok_and(|meta| (meta.dev(), meta.ino()) == self.inode);
        if ours && let Err(e) = std::fs::remove_file(&self.path) {
            tracing::warn!("the socket {} was not removed: {e}", self.path.display());
        }
    }
}

/// Removes the socket at `path` if no hub answers on it.
fn remove_if_stale(path: &Path) -> Result<(), PeerError> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(PeerError::Io {
                what: "read",
                path: path.to_path_buf(),
                source: e,
            });
        }
    };
    if !meta.file_type().is_socket() {
        return Err(PeerError::NotASocket {
            path: path.to_path_buf(),
        });
    }
    // A connect to a listening socket succeeds at once (the kernel queues
    // it); to a socket whose hub is gone it is refused at once.
    match std::os::unix::net::UnixStream::connect(path) {
        Ok(_) => Err(PeerError::HubRunning {
            path: path.to_path_buf(),
        }),
        Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => std::fs::remove_file(path)
            .map_err(|e| PeerError::Io {
                what: "remove the stale socket",
                path: path.to_path_buf(),
                source: e,
            }),
        Err(e) => Err(PeerError::Io {
            what: "connect to",
            path: path.to_path_buf(),
            source: e,
        }),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
