package dev.ceremony.pki.csr;

import dev.ceremony.pki.IpAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The IP addresses a server certificate may name: those a client could reach a broker at. The
 * unspecified address, multicast and broadcast addresses never are, whatever a request says;
 * loopback is a broker's only when a profile says so ({@code allow-loopback-ip}). An IPv4 address
 * mapped into IPv6 is judged as the IPv4 address it is.
 */
final class ServerAddresses {

    private static final byte[] LIMITED_BROADCAST = {(byte) 255, (byte) 255, (byte) 255, (byte) 255};

    private ServerAddresses() {
    }

    /** Why the address (4 or 16 bytes) is never issued, or empty. */
    static Optional<String> problem(byte[] address, boolean loopbackAllowed) {
        InetAddress ip;
        try {
            ip = InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            return Optional.of("an IP address SAN has " + address.length + " bytes; IPv4 has 4 and IPv6 16");
        }
        String shown = "IP:" + IpAddresses.text(address);
        if (ip.isAnyLocalAddress()) {
            return Optional.of(shown + " is the unspecified address (any local address); no client reaches a broker "
                    + "at it");
        }
        if (ip.isMulticastAddress()) {
            return Optional.of(shown + " is a multicast address; a broker is reached at a unicast address");
        }
        if (Arrays.equals(ip.getAddress(), LIMITED_BROADCAST)) {
            return Optional.of(shown + " is the broadcast address; a broker is reached at a unicast address");
        }
        if (ip.isLoopbackAddress() && !loopbackAllowed) {
            return Optional.of(shown + " is a loopback address, which every machine has for itself; the profile "
                    + "issues it only with allow-loopback-ip: true");
        }
        return Optional.empty();
    }
}
