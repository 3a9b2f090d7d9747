package pirsyncd.inotify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class NativeAccessIT {
    @Test
    void availableWhenTheModuleIsGrantedNativeAccess() {
        // surefire runs this module with --enable-native-access=pirsyncd.inotify (see the pom)
        assertEquals(Optional.empty(), NativeAccess.unavailableReason());
    }
}
