package org.jcwmp.cpe.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParameterTypeTest {

    @Test
    void canonicalForms() {
        assertThat(ParameterType.BOOLEAN.canonical("1")).isEqualTo("true");
        assertThat(ParameterType.BOOLEAN.canonical("FALSE")).isEqualTo("false");
        assertThat(ParameterType.UNSIGNED_INT.canonical(" 007 ")).isEqualTo("7");
        assertThat(ParameterType.UNSIGNED_INT.canonical("4294967295")).isEqualTo("4294967295");
        assertThat(ParameterType.INT.canonical("-2147483648")).isEqualTo("-2147483648");
        assertThat(ParameterType.DATE_TIME.canonical("2025-03-01T10:00:00Z")).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(ParameterType.DATE_TIME.canonical("2025-03-01T10:00:00")).isEqualTo("2025-03-01T10:00:00");
        assertThat(ParameterType.STRING.canonical(" keeps spaces ")).isEqualTo(" keeps spaces ");
    }

    @Test
    void rejectsValuesOfAnotherType() {
        assertThatThrownBy(() -> ParameterType.UNSIGNED_INT.canonical("-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParameterType.UNSIGNED_INT.canonical("4294967296")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParameterType.INT.canonical("2147483648")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParameterType.BOOLEAN.canonical("yes")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParameterType.DATE_TIME.canonical("tomorrow")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParameterType.STRING.canonical(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsXsiTypesWhateverTheirPrefix() {
        assertThat(ParameterType.ofXsd("xsd:unsignedInt")).isEqualTo(ParameterType.UNSIGNED_INT);
        assertThat(ParameterType.ofXsd("xs:boolean")).isEqualTo(ParameterType.BOOLEAN);
        assertThat(ParameterType.ofXsd("dateTime")).isEqualTo(ParameterType.DATE_TIME);
        assertThat(ParameterType.ofXsd("xsd:base64")).isNull();
    }
}
