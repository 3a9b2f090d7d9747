package pirsyncd.inotify;

/**
 * What {@code statx(2)} says of a directory that tells a walker whether it can hold
 * subdirectories: the device it lives on and its link count.
 *
 * <p>On file systems that keep the Unix convention a directory has 2 links ("." and its name in
 * the parent) plus one per subdirectory (each one's ".."), so 2 means "no subdirectories"; others
 * (btrfs, overlayfs merges, many network and FUSE file systems) report 1 or an unrelated count.
 * Whether the convention holds is the caller's decision ({@link Directories#fileSystemType}).
 *
 * @param device the device number as {@code stat(2)} gives it in {@code st_dev} (glibc's
 *     {@code makedev(stx_dev_major, stx_dev_minor)}): a directory on another device than its walk's
 *     root is a mount point, possibly of another file system
 * @param linkCount {@code stx_nlink}
 */
public record DirectoryLinks(long device, long linkCount) {}
