package org.jcwmp.acs.files;

/** What an operator says of a file: the FileType it is for, the devices it fits (null: any) and its version. */
public record FileMetadata(String fileType, String oui, String productClass, String version) {
    public FileMetadata {
        fileType = FileNames.checkFileType(fileType);
        oui = blankToNull(oui, 64, "oui");
        productClass = blankToNull(productClass, 128, "productClass");
        version = blankToNull(version, 128, "version");
    }

    private static String blankToNull(String v, int max, String what) {
        if (v == null || v.isBlank()) {
            return null;
        }
        if (v.length() > max) {
            throw new IllegalArgumentException(what + " has at most " + max + " characters");
        }
        return v;
    }
}
