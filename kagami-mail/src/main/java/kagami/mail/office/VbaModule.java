package kagami.mail.office;

/**
 * One VBA module's source text (MS-OVBA 2.3.4.3: decompressed from its module stream at MODULEOFFSET).
 *
 * @param name   module name ({@code ThisDocument}, {@code Module1})
 * @param source decompressed source text
 */
public record VbaModule(String name, String source) {
}
