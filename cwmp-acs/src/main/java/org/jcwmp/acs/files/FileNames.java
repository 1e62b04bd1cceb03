package org.jcwmp.acs.files;

/**
 * Names of files and uploads: one URL segment, so never a path. Refused: empty, "." or "..", a slash or backslash,
 * control characters, a leading dot, more than 255 characters.
 */
public final class FileNames {
    public static final int MAX_LENGTH = 255;

    private FileNames() {
    }

    /** The name when it is acceptable; otherwise IllegalArgumentException with the reason (the NBI's 400). */
    public static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a file needs a name");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a file name has at most " + MAX_LENGTH + " characters");
        }
        if (name.startsWith(".")) {
            throw new IllegalArgumentException("a file name must not start with a dot: \"" + name + "\"");
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '/' || ch == '\\' || ch < 0x20 || ch == 0x7f) {
                throw new IllegalArgumentException("a file name is one path segment without slashes or control "
                        + "characters, not \"" + name.replaceAll("\\p{Cntrl}", "?") + "\"");
            }
        }
        return name;
    }

    /** TR-069 FileType, e.g. "1 Firmware Upgrade Image", or a vendor's "X OUI ..."; null stays null. */
    public static String checkFileType(String fileType) {
        if (fileType == null || fileType.isEmpty()) {
            return null;
        }
        if (fileType.length() > 64 || !fileType.matches("[0-9]+ [ -~]+|X [ -~]+")) {
            throw new IllegalArgumentException("fileType must be like \"1 Firmware Upgrade Image\" or \"X 00D09E ...\", "
                    + "not \"" + fileType + "\"");
        }
        return fileType;
    }
}
