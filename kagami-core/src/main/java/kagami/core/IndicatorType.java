package kagami.core;

/** Kinds of observable an {@link Indicator} names (STIX 2.1 cyber-observable types, §6, plus file names). */
public enum IndicatorType {
    MD5, SHA1, SHA256, SHA512,
    DOMAIN, HOSTNAME,
    IPV4, IPV6, CIDR,
    URL, EMAIL_ADDRESS,
    FILE_NAME, FILE_PATH,
    REGISTRY_KEY, MUTEX, USER_AGENT, CERTIFICATE_SERIAL,
    ASN, JA3
}
