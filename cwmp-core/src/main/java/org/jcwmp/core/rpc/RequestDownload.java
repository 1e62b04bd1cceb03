package org.jcwmp.core.rpc;

import java.util.List;

/** The CPE asks the ACS for a Download. */
public record RequestDownload(String fileType, List<ArgStruct> fileTypeArg) implements CwmpRequest {
    public RequestDownload {
        fileTypeArg = fileTypeArg == null ? List.of() : List.copyOf(fileTypeArg);
    }
}
