package dev.toolkit.core.dns;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Search-domain expansion as the C library's resolver does it ({@code res_search}, resolv.conf(5)).
 *
 * <p>A name ending with a dot is absolute and tried alone. Otherwise, a name with at least {@code ndots} dots
 * is tried as given first and then with each search domain appended; a name with fewer dots is tried with
 * each search domain first and as given last.
 */
public final class SearchPath {

    private SearchPath() {
    }

    /**
     * The fully qualified names to try for {@code name}, in order, without final dots and without repeats.
     *
     * @param name a checked name (see {@link dev.toolkit.core.dns.record.DomainNames#check}); absolute if
     *     {@code absolute} is set
     * @param absolute whether the caller's name ended with a dot
     * @param searchDomains the search list
     * @param ndots the threshold of dots above which the name is tried as given first
     */
    public static List<String> expand(String name, boolean absolute, List<String> searchDomains, int ndots) {
        if (absolute || searchDomains.isEmpty()) {
            return List.of(name);
        }
        int dots = 0;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '.') {
                dots++;
            }
        }
        Set<String> out = new LinkedHashSet<>();
        if (dots >= ndots) {
            out.add(name);
        }
        for (String domain : searchDomains) {
            String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
            out.add(d.isEmpty() ? name : name + "." + d);
        }
        out.add(name);
        return new ArrayList<>(out);
    }
}
