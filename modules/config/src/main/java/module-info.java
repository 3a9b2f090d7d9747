/**
 * Configuration: the JSON config file and command-line overrides, parsed, validated before
 * anything starts, and turned into effective settings.
 */
module pirsyncd.config {
    requires pirsyncd.model;
    // destinations and transfer options are the launcher's types
    requires pirsyncd.rsync;
    requires com.fasterxml.jackson.databind;
}
