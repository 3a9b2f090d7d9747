package pirsyncd.watch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import pirsyncd.inotify.DirectoryLinks;

/** When a directory's link count may stand in for listing it, and when it must not. */
class LeafRuleTest {
    private static final long ROOT_DEVICE = 0x803;
    private final LeafRule rule = new LeafRule(ROOT_DEVICE, true);

    @Test
    void twoLinksOnTheRootsDeviceIsALeaf() {
        assertTrue(rule.isLeaf(new DirectoryLinks(ROOT_DEVICE, 2)));
    }

    @Test
    void moreLinksMeanSubdirectories() {
        assertFalse(rule.isLeaf(new DirectoryLinks(ROOT_DEVICE, 3)));
    }

    @Test
    void oneLinkIsAFileSystemThatDoesNotCount() {
        assertFalse(rule.isLeaf(new DirectoryLinks(ROOT_DEVICE, 1)), "btrfs, overlayfs merges");
    }

    @Test
    void aDirectoryOnAnotherDeviceIsAMountPointAndIsListed() {
        assertFalse(rule.isLeaf(new DirectoryLinks(ROOT_DEVICE + 1, 2)));
    }

    @Test
    void withoutTheConventionNothingIsALeaf() {
        assertFalse(LeafRule.NEVER.isLeaf(new DirectoryLinks(0, 2)));
        assertFalse(new LeafRule(ROOT_DEVICE, false).isLeaf(new DirectoryLinks(ROOT_DEVICE, 2)));
    }

    @Test
    void onlyFileSystemsKnownToCountSubdirectoriesAreTrusted() {
        assertTrue(LeafRule.countsSubdirectories(0xEF53), "ext2/3/4");
        assertTrue(LeafRule.countsSubdirectories(0x58465342), "xfs");
        assertTrue(LeafRule.countsSubdirectories(0x01021994), "tmpfs");
        assertFalse(LeafRule.countsSubdirectories(0x9123683EL), "btrfs: one link per directory");
        assertFalse(LeafRule.countsSubdirectories(0x794C7630), "overlayfs");
        assertFalse(LeafRule.countsSubdirectories(0x6969), "nfs: whatever the server says");
        assertFalse(LeafRule.countsSubdirectories(0x65735546), "fuse");
        assertFalse(LeafRule.countsSubdirectories(0xFF534D42L), "cifs");
    }
}
