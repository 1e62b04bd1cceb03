package org.jcwmp.core.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which bodies are checked as UTF-8 before parsing: those without a BOM or declaration naming another encoding. */
class SoapCodecDeclaredEncodingTest {

    /** What SoapCodec matched before its plain scan: the scan must answer the same. */
    private static final Pattern ENCODING = Pattern.compile("encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

    private static boolean byRegex(byte[] body) {
        if (body.length >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
                || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE))) {
            return false;
        }
        String prolog = new String(body, 0, Math.min(body.length, 200), StandardCharsets.ISO_8859_1);
        if (prolog.startsWith("\u00EF\u00BB\u00BF")) {
            prolog = prolog.substring(3);
        }
        int close = prolog.indexOf("?>");
        if (!prolog.startsWith("<?xml") || close < 0) {
            return true;
        }
        Matcher m = ENCODING.matcher(prolog.substring(0, close));
        return !m.find() || m.group(1).equalsIgnoreCase("UTF-8") || m.group(1).equalsIgnoreCase("UTF8");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "<soap:Envelope/>| true",
            "<?xml version='1.0'?><a/>| true",
            "<?xml version='1.0' encoding='UTF-8'?><a/>| true",
            "<?xml version=\"1.0\" encoding=\"utf8\"?><a/>| true",
            "<?xml version='1.0' encoding = \t'ISO-8859-1' ?><a/>| false",
            "<?xml version='1.0' encoding='windows-1252'?><a/>| false",
            "<?xml version='1.0' encoding=\"UTF-16'?><a/>| false",
            "<?xml version='1.0' encoding='UTF-8 '?><a/>| true",
            "<?xml version='1.0' encoding=''?><a/>| true",
            "<?xml version='1.0' encoding?><a/>| true",
            "<?xml version='1.0' encoding='latin1|true",
            "<?xml version='1.0' encodingencoding='latin1'?><a/>| false",
            "<?xml version='1.0' encoding=latin1 encoding='ascii'?><a/>| false",
            "<?xml version='1.0'?><a encoding='latin1'/>| true",
            "` <?xml version='1.0' encoding='latin1'?><a/>`| true",
            "<?xm| true",
            "<?xml?>| true",
    })
    void declarationsNamingAnotherEncodingAreNotCheckedAsUtf8(String prolog, boolean utf8) {
        byte[] body = prolog.getBytes(StandardCharsets.ISO_8859_1);

        assertThat(SoapCodec.declaresUtf8(body)).isEqualTo(utf8).isEqualTo(byRegex(body));
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        assertThat(SoapCodec.declaresUtf8(withBom)).isEqualTo(utf8).isEqualTo(byRegex(withBom));
    }

    @ParameterizedTest
    @CsvSource({"FE,FF", "FF,FE"})
    void aUtf16ByteOrderMarkIsNotUtf8(String first, String second) {
        byte[] body = {(byte) Integer.parseInt(first, 16), (byte) Integer.parseInt(second, 16), '<', 0};

        assertThat(SoapCodec.declaresUtf8(body)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"190", "196", "197", "198", "250"})
    void onlyTheFirst200BytesAreLookedAt(int padding) {
        String decl = "<?xml version='1.0'" + " ".repeat(padding) + "encoding='latin1'?>";
        byte[] body = (decl + "<a/>").getBytes(StandardCharsets.ISO_8859_1);

        assertThat(SoapCodec.declaresUtf8(body)).isEqualTo(byRegex(body));
    }
}
