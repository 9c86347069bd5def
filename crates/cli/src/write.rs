//! Every file the CLI writes goes through here, all or nothing.
//!
//! One file: a temporary file created exclusively (`O_EXCL`, random name) in
//! the target's folder, written, fsynced and renamed over the target. The
//! rename replaces whatever is at the final name — a planted symlink is
//! replaced, never followed — and an interrupted run leaves at most a
//! temporary file, which the next run removes.
//!
//! A whole folder (`corridor report`): the new tree is staged in a sibling
//! temporary folder (a hard-linked copy of the old one, so files the report
//! does not write are kept, with the new files written fresh), then swapped
//! in with one atomic `renameat2(RENAME_EXCHANGE)` where the system has it.
//! After a crash at any moment the output folder is either the old tree or
//! the new one, never a mix, and it never holds a temporary file.

use anyhow::{Context, bail};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The name prefix of every temporary file and folder: `.corridor-tmp-<pid>-`.
pub(crate) const TMP_PREFIX: &str = ".corridor-tmp-";

fn prefix() -> String {
    format!("{TMP_PREFIX}{}-", std::process::id())
}

/// The folder a path lives in (`.` for a bare name).
fn parent_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Writes `bytes` to `path` atomically (see the module header).
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = parent_of(path);
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    remove_stale(dir);
    if fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        bail!("cannot write {}: it is a folder", path.display());
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix())
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", tmp.path().display()))?;
    // On error the temporary file is removed when `tmp` is dropped.
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    sync_dir(dir);
    Ok(())
}

/// Replaces the folder `out` by one holding every file of the old folder
/// (hard-linked, not copied where possible) but those under its top-level
/// entries `owned`, overwritten by `files` (paths relative to `out`), or
/// fails and leaves `out` exactly as it was.
pub(crate) fn write_tree<'a>(
    out: &Path,
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    owned: &[&str],
) -> anyhow::Result<()> {
    let mut stage = Stage::new_keeping(out, owned)?;
    for (rel, bytes) in files {
        stage.write(rel, bytes)?;
    }
    stage.commit()
}

/// A folder being written: a sibling temporary folder that becomes `out`
/// on [`Stage::commit`], and is removed if the stage is dropped before.
pub(crate) struct Stage {
    out: PathBuf,
    parent: PathBuf,
    exists: bool,
    dir: tempfile::TempDir,
    dirs: std::collections::BTreeSet<PathBuf>,
    files: Vec<PathBuf>,
}

impl Stage {
    /// Starts staging `out`; with `keep_old`, the old folder's files are
    /// carried over (hard links) unless overwritten.
    pub(crate) fn new(out: &Path, keep_old: bool) -> anyhow::Result<Stage> {
        Self::start(out, keep_old.then_some(&[][..]))
    }

    /// Starts staging `out`, carrying the old folder's files over except
    /// its top-level entries named in `owned`: folders the command writes
    /// whole (a report's `charts/`), so a file it no longer writes is gone
    /// rather than left stale.
    pub(crate) fn new_keeping(out: &Path, owned: &[&str]) -> anyhow::Result<Stage> {
        Self::start(out, Some(owned))
    }

    fn start(out: &Path, keep: Option<&[&str]>) -> anyhow::Result<Stage> {
        // A symlinked output folder stays a symlink: the folder it points
        // at is the one swapped.
        let out = match fs::symlink_metadata(out) {
            Ok(m) if m.file_type().is_symlink() => fs::canonicalize(out)
                .with_context(|| format!("cannot resolve the output folder {}", out.display()))?,
            _ => out.to_path_buf(),
        };
        let exists = match fs::metadata(&out) {
            Ok(m) if m.is_dir() => true,
            Ok(_) => bail!(
                "cannot write to {}: it is a file, not a folder",
                out.display()
            ),
            Err(_) => false,
        };
        let parent = parent_of(&out).to_path_buf();
        fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        remove_stale(&parent);
        let dir = tempfile::Builder::new()
            .prefix(&prefix())
            .tempdir_in(&parent)
            .with_context(|| format!("cannot create a temporary folder in {}", parent.display()))?;
        // A temporary folder is private (0700); the output folder keeps the
        // old one's permissions, or gets the usual 0755.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&out).map_or(0o755, |m| m.permissions().mode() & 0o7777);
            fs::set_permissions(dir.path(), fs::Permissions::from_mode(mode))?;
        }
        if let (true, Some(owned)) = (exists, keep) {
            link_tree(&out, dir.path(), owned)
                .with_context(|| format!("cannot stage a copy of {}", out.display()))?;
        }
        Ok(Stage {
            out,
            parent,
            exists,
            dir,
            dirs: Default::default(),
            files: Vec::new(),
        })
    }

    /// Writes one file of the new tree (`rel` relative to the output folder).
    pub(crate) fn write(&mut self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        crate::guard::check_bytes(rel, bytes)?;
        let rel = safe_relative(rel)?;
        let shown = self.out.join(rel);
        let target = self.dir.path().join(rel);
        let dir = parent_of(&target).to_path_buf();
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", shown.display()))?;
        match fs::symlink_metadata(&target) {
            Ok(m) if m.is_dir() => bail!("cannot write {}: it is a folder", shown.display()),
            // The old file (a hard link, or a symlink copied as such) is
            // unlinked, never written through.
            Ok(_) => fs::remove_file(&target)
                .with_context(|| format!("cannot replace {}", shown.display()))?,
            Err(_) => {}
        }
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
            .and_then(|mut f| {
                f.write_all(bytes)?;
                // Synced at commit, all together: the kernel writes them
                // back in parallel meanwhile.
                Ok(())
            })
            .with_context(|| format!("cannot write {}", shown.display()))?;
        self.dirs.insert(dir);
        self.files.push(target);
        Ok(())
    }

    /// Swaps the staged tree in as the output folder.
    pub(crate) fn commit(self) -> anyhow::Result<()> {
        // Every staged byte is on disk before the swap makes it the output.
        for f in &self.files {
            fs::File::open(f)
                .and_then(|f| f.sync_all())
                .with_context(|| format!("cannot sync {}", f.display()))?;
        }
        for d in &self.dirs {
            sync_dir(d);
        }
        sync_dir(self.dir.path());
        let staged = self.dir.keep();
        if self.exists {
            swap(&staged, &self.out)?;
            // `staged` now holds the old tree.
            let _ = fs::remove_dir_all(&staged);
        } else if let Err(e) = fs::rename(&staged, &self.out) {
            let _ = fs::remove_dir_all(&staged);
            return Err(e)
                .with_context(|| format!("cannot move the new files into {}", self.out.display()));
        }
        sync_dir(&self.parent);
        Ok(())
    }
}

/// A relative path of a rendered file, refused if it could leave the folder.
fn safe_relative(rel: &str) -> anyhow::Result<&Path> {
    let p = Path::new(rel);
    if p.components()
        .all(|c| matches!(c, std::path::Component::Normal(_)))
    {
        Ok(p)
    } else {
        bail!("refusing to write {rel:?}: not a plain relative path")
    }
}

/// Exchanges two folders atomically where the system can; elsewhere moves
/// the old one aside first (a crash between the two renames leaves the old
/// tree beside, under a temporary name, and no output folder).
fn swap(new: &Path, out: &Path) -> anyhow::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, new, CWD, out, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(()),
            // Filesystems without RENAME_EXCHANGE fall back to two renames.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => {
                let _ = fs::remove_dir_all(new);
                return Err(std::io::Error::from(e))
                    .with_context(|| format!("cannot swap the new report into {}", out.display()));
            }
        }
    }
    let aside = parent_of(out).join(format!(
        "{}old-{}",
        prefix(),
        new.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ));
    fs::rename(out, &aside).with_context(|| format!("cannot move {} aside", out.display()))?;
    if let Err(e) = fs::rename(new, out) {
        let _ = fs::rename(&aside, out);
        let _ = fs::remove_dir_all(new);
        return Err(e)
            .with_context(|| format!("cannot move the new report into {}", out.display()));
    }
    fs::rename(&aside, new).or_else(|_| fs::remove_dir_all(&aside))?;
    Ok(())
}

/// Recreates the tree `from` under `to`: folders made, files hard-linked (or
/// copied across file systems), symlinks copied as symlinks, stale
/// temporary files left out.
fn link_tree(from: &Path, to: &Path, skip: &[&str]) -> std::io::Result<()> {
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with(TMP_PREFIX)
            || skip.iter().any(|s| name.as_os_str() == *s)
        {
            continue;
        }
        let (src, dst) = (entry.path(), to.join(&name));
        let kind = entry.file_type()?;
        if kind.is_dir() {
            fs::create_dir(&dst)?;
            link_tree(&src, &dst, &[])?;
        } else if kind.is_symlink() {
            copy_symlink(&src, &dst)?;
        } else if kind.is_file() && fs::hard_link(&src, &dst).is_err() {
            fs::copy(&src, &dst)?;
        }
        // Sockets, FIFOs and devices are not carried over.
    }
    Ok(())
}

#[cfg(unix)]
fn copy_symlink(src: &Path, dst: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(fs::read_link(src)?, dst)
}

#[cfg(not(unix))]
fn copy_symlink(_src: &Path, _dst: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Makes a rename durable (POSIX needs the folder itself synced).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(f) = fs::File::open(dir) {
        let _ = f.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Removes the temporary files and folders of earlier runs of `corridor`
/// that were killed (their process is gone) from `dir`. Another running
/// `corridor`'s temporaries are left alone.
pub(crate) fn remove_stale(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let own = std::process::id();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Some(rest) = name.strip_prefix(TMP_PREFIX) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        let stale = match pid {
            Some(pid) if pid == own => false,
            Some(pid) => !alive(pid, &entry.path()),
            None => false,
        };
        if stale {
            let path: PathBuf = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => {
                    let _ = fs::remove_dir_all(&path);
                }
                _ => {
                    let _ = fs::remove_file(&path);
                }
            }
        }
    }
}

/// Whether process `pid` may still be writing `path`: on Linux, whether it
/// exists; elsewhere, whether the file changed in the last hour.
fn alive(pid: u32, path: &Path) -> bool {
    if Path::new("/proc/self").exists() {
        return Path::new(&format!("/proc/{pid}")).exists();
    }
    fs::symlink_metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_none_or(|age| age.as_secs() < 3600)
}
