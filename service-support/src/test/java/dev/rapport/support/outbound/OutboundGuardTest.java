package dev.rapport.support.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.support.web.ApiException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

class OutboundGuardTest {

    private static final OutboundGuard STRICT = new OutboundGuard(new OutboundProperties(false, false), fakeDns());
    private static final OutboundGuard PRIVATE_ALLOWED =
            new OutboundGuard(new OutboundProperties(true, false), fakeDns());

    /** A resolver that answers from a fixed table, as a hostile DNS server could. */
    private static OutboundGuard.Resolver fakeDns() {
        Map<String, String[]> table = Map.of(
                "public.example", new String[] {"93.184.215.14"},
                "localhost", new String[] {"127.0.0.1", "::1"},
                "mixed.example", new String[] {"93.184.215.14", "10.0.0.5"},
                "rebind.example", new String[] {"169.254.169.254"},
                "v6private.example", new String[] {"fd12:3456:789a::1"});
        return host -> {
            String[] answers = table.get(host);
            if (answers == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] addresses = new InetAddress[answers.length];
            for (int i = 0; i < answers.length; i++) {
                addresses[i] = InetAddress.getByName(answers[i]);
            }
            return addresses;
        };
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/",
                "https://127.8.9.10/",
                "https://2130706433/", // 127.0.0.1 as one decimal number
                "https://0x7f000001/", // one hex number
                "https://0177.0.0.1/", // octal first part
                "https://017700000001/", // one octal number
                "https://[::1]/",
                "https://[::ffff:127.0.0.1]/", // IPv4-mapped loopback
                "https://[::ffff:7f00:1]/",
                "https://[::ffff:10.1.2.3]/",
                "https://[::ffff:169.254.1.1]/",
                "https://[64:ff9b::127.0.0.1]/", // NAT64 of loopback
                "https://[2002:7f00:1::]/", // 6to4 of loopback
                "https://10.0.0.1/",
                "https://172.16.0.1/",
                "https://172.31.255.255/",
                "https://192.168.1.1/",
                "https://169.254.10.10/",
                "https://100.64.0.1/",
                "https://100.127.255.254/",
                "https://[fc00::1]/",
                "https://[fd12:3456:789a::1]/",
                "https://[fe80::1]/",
                "https://[febf::1]/",
                "https://localhost/",
                "https://LOCALHOST./",
                "https://v6private.example/",
                "https://mixed.example/", // one public and one private answer: refused as a whole
            })
    void refusesTheInsideWithTheSwitchOff(String url) {
        assertThatThrownBy(() -> STRICT.check(url))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessageContaining("private or local");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://169.254.169.254/latest/meta-data/",
                "https://0xa9fea9fe/", // 169.254.169.254 in hex
                "https://[::ffff:169.254.169.254]/",
                "https://[fd00:ec2::254]/",
                "https://metadata.google.internal/computeMetadata/v1/",
                "https://METADATA.google.internal./",
                "https://metadata/",
                "https://rebind.example/",
                "https://0.0.0.0/",
                "https://0/",
                "https://[::]/",
                "https://224.0.0.1/",
                "https://239.255.255.250/",
                "https://255.255.255.255/",
                "https://[ff02::1]/",
            })
    void refusesMetadataMulticastAndUnspecifiedEvenWithTheSwitchOn(String url) {
        assertThatThrownBy(() -> PRIVATE_ALLOWED.check(url)).isInstanceOf(OutboundRefusedException.class);
        assertThatThrownBy(() -> STRICT.check(url)).isInstanceOf(OutboundRefusedException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:9082/actuator/health",
                "http://localhost:8080/hook",
                "https://10.0.0.1/",
                "https://[::1]:8443/",
                "https://2130706433/"
            })
    void theSwitchLetsTestsReachLoopbackAndPrivateReceivers(String url) throws Exception {
        assertThat(PRIVATE_ALLOWED.check(url)).isEqualTo(URI.create(url));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://public.example/hook",
                "https://93.184.215.14/",
                "https://8.8.8.8/",
                "https://[2606:4700:4700::1111]/",
                "https://172.32.0.1/",
                "https://100.128.0.1/",
                "https://192.169.0.1/"
            })
    void acceptsPublicHttpsUrls(String url) throws Exception {
        assertThat(STRICT.check(url)).isEqualTo(URI.create(url));
    }

    @Test
    void requiresHttpsUnlessHttpOrPrivateAddressesAreAllowed() throws Exception {
        assertThatThrownBy(() -> STRICT.check("http://public.example/hook"))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessageContaining("https");
        OutboundGuard http = new OutboundGuard(new OutboundProperties(false, true), fakeDns());
        assertThat(http.check("http://public.example/hook")).hasScheme("http");
        assertThatThrownBy(() -> http.check("http://127.0.0.1/"))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessageContaining("private or local");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://public.example/", "file:///etc/passwd", "gopher://public.example/", "/relative"})
    void refusesOtherSchemes(String url) {
        assertThatThrownBy(() -> PRIVATE_ALLOWED.check(url)).isInstanceOf(OutboundRefusedException.class);
    }

    @Test
    void refusesCredentialsInTheUrl() {
        assertThatThrownBy(() -> STRICT.check("https://user:secret@public.example/"))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessageContaining("credentials");
    }

    @Test
    void refusesNumericHostsThatAreNoAddress() {
        assertThatThrownBy(() -> STRICT.check("https://256.1.1.1/")).isInstanceOf(OutboundRefusedException.class);
        assertThatThrownBy(() -> STRICT.check("https://0x1ffffffff/")).isInstanceOf(OutboundRefusedException.class);
        assertThatThrownBy(() -> STRICT.check("https://08.0.0.1/")).isInstanceOf(OutboundRefusedException.class);
    }

    @Test
    void anUnknownHostIsReportedAsSuch() {
        assertThatThrownBy(() -> STRICT.check("https://nowhere.example/"))
                .isInstanceOf(UnknownHostException.class)
                .isNotInstanceOf(OutboundRefusedException.class)
                .hasMessageContaining("unknown");
    }

    @Test
    void resolvesOncePerCheckAndReturnsTheCheckedAddresses() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        OutboundGuard guard = new OutboundGuard(new OutboundProperties(false, false), host -> {
            lookups.incrementAndGet();
            return new InetAddress[] {InetAddress.getByName("93.184.215.14")};
        });
        assertThat(guard.resolve("public.example"))
                .extracting(InetAddress::getHostAddress)
                .containsExactly("93.184.215.14");
        assertThat(lookups).hasValue(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x7f.0.0.1", "127.1", "0x7f.1", "0300.0250.0.1", "0xa9.0xfe.0xa9.0xfe"})
    void refusesInsideHostsThatJavasUriCannotEvenParse(String host) {
        // java.net.URI leaves such hosts out (so the URL is refused as not absolute), but a host handed over by
        // other means is read as inet_aton reads it, and refused.
        assertThatThrownBy(() -> STRICT.check("https://" + host + "/")).isInstanceOf(OutboundRefusedException.class);
        assertThatThrownBy(() -> STRICT.resolve(host)).isInstanceOf(OutboundRefusedException.class);
    }

    @Test
    void readsNumericHostsTheWayInetAtonDoes() throws Exception {
        assertThat(OutboundAddresses.numeric("2130706433"))
                .map(InetAddress::getHostAddress)
                .hasValue("127.0.0.1");
        assertThat(OutboundAddresses.numeric("0x7f.0.0.1"))
                .map(InetAddress::getHostAddress)
                .hasValue("127.0.0.1");
        assertThat(OutboundAddresses.numeric("0177.0.0.01"))
                .map(InetAddress::getHostAddress)
                .hasValue("127.0.0.1");
        assertThat(OutboundAddresses.numeric("10.1"))
                .map(InetAddress::getHostAddress)
                .hasValue("10.0.0.1");
        assertThat(OutboundAddresses.numeric("192.168.257"))
                .map(InetAddress::getHostAddress)
                .hasValue("192.168.1.1");
        assertThat(OutboundAddresses.numeric("public.example")).isEmpty();
        assertThat(OutboundAddresses.numeric("1.2.3.com")).isEmpty();
    }

    @Test
    void aUrlGivenAsInputIsRefusedWithA400OnItsFieldUnlessRequestsMayGoThereAndAnUnresolvedHostIsAccepted() {
        assertThatThrownBy(() -> STRICT.acceptInput("http://public.example/hook", "webhook.url"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.getMessage())
                            .contains("webhook.url: must be an absolute https URL without credentials");
                });
        assertThatThrownBy(() -> STRICT.acceptInput("https://localhost/hook", "url"))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.getMessage()).startsWith("url: ").contains("private or local address"));

        assertThat(STRICT.acceptInput(" https://public.example/hook ", "url"))
                .isEqualTo(URI.create("https://public.example/hook"));
        assertThat(STRICT.acceptInput("https://not-resolvable-now.example/hook", "url"))
                .isEqualTo(URI.create("https://not-resolvable-now.example/hook"));
    }
}
