package dev.ceremony.media;

import dev.ceremony.text.Printable;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which folder plays which part in a ceremony: each part its own medium. No two parts share a
 * folder, and none lies inside another's, however the paths are written (a trailing slash,
 * {@code .} or {@code ..}, a symbolic link, a bind mount): the import medium is never written
 * to, the export medium leaves the room, and the records and their mirror never travel on
 * either nor share a medium with each other.
 */
public record MediaRoles(Map<MediaRole, MediaPlace> places) {

    /**
     * @throws MediaException naming the two parts, their folders as given and as resolved, and what to do
     */
    public MediaRoles {
        places = Map.copyOf(places.isEmpty() ? Map.of() : new EnumMap<>(places));
        for (MediaRole role : MediaRole.values()) {
            for (MediaRole other : MediaRole.values()) {
                if (role.ordinal() < other.ordinal() && places.containsKey(role) && places.containsKey(other)) {
                    requireApart(role, places.get(role), other, places.get(other));
                }
            }
        }
    }

    private static void requireApart(MediaRole role, MediaPlace place, MediaRole other, MediaPlace otherPlace) {
        Objects.requireNonNull(place, role.name());
        String advice = "; each part of a ceremony has a medium of its own: give " + other.words() + " another "
                + "folder, on another medium, that is not inside " + role.words() + " nor holds it";
        if (place.sameAs(otherPlace)) {
            throw new MediaException(role.words() + " " + shown(place.given()) + " and " + other.words() + " "
                    + shown(otherPlace.given()) + " are the same folder (" + shown(place.real()) + ")" + advice);
        }
        if (otherPlace.inside(place)) {
            throw new MediaException(other.words() + " " + shown(otherPlace.given()) + " lies inside " + role.words()
                    + " " + shown(place.given()) + " (" + shown(otherPlace.real()) + " in " + shown(place.real()) + ")"
                    + advice);
        }
        if (place.inside(otherPlace)) {
            throw new MediaException(role.words() + " " + shown(place.given()) + " lies inside " + other.words()
                    + " " + shown(otherPlace.given()) + " (" + shown(place.real()) + " in " + shown(otherPlace.real())
                    + ")" + advice);
        }
    }

    private static String shown(Path path) {
        return Printable.escape(path.toString());
    }
}
