package kagami.sigma.compile;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which compiled rules an event can possibly match, by channel and event id, so an event meets only its
 * candidate rules (a Sysmon 1 event never touches the registry rules).
 */
final class CandidateIndex implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int[] NONE = new int[0];

    /** Rules of one channel (or of every channel): by event id, plus those for any event id. */
    static final class Bucket implements Serializable {
        private static final long serialVersionUID = 1L;
        final int[] ids;
        final int[][] byId;
        final int[] anyId;

        Bucket(int[] ids, int[][] byId, int[] anyId) {
            this.ids = ids;
            this.byId = byId;
            this.anyId = anyId;
        }

        Bucket restrict(java.util.function.IntPredicate keep) {
            int[][] lists = new int[byId.length][];
            for (int i = 0; i < lists.length; i++) {
                lists[i] = java.util.Arrays.stream(byId[i]).filter(keep).toArray();
            }
            return new Bucket(ids, lists, java.util.Arrays.stream(anyId).filter(keep).toArray());
        }

        int[] forId(int id) {
            int lo = 0;
            int hi = ids.length - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (ids[mid] < id) {
                    lo = mid + 1;
                } else if (ids[mid] > id) {
                    hi = mid - 1;
                } else {
                    return byId[mid];
                }
            }
            return NONE;
        }
    }

    final HashMap<String, Bucket> byChannel;
    final Bucket anyChannel;

    private CandidateIndex(HashMap<String, Bucket> byChannel, Bucket anyChannel) {
        this.byChannel = byChannel;
        this.anyChannel = anyChannel;
    }

    /** This index without the variants {@code keep} rejects. */
    CandidateIndex restrict(java.util.function.IntPredicate keep) {
        HashMap<String, Bucket> out = new HashMap<>();
        byChannel.forEach((k, b) -> out.put(k, b.restrict(keep)));
        return new CandidateIndex(out, anyChannel.restrict(keep));
    }

    static String key(String channel) {
        return channel.toLowerCase(Locale.ROOT);
    }

    static final class Builder {
        private final Map<String, TreeMap<Integer, List<Integer>>> byId = new HashMap<>();
        private final Map<String, List<Integer>> any = new HashMap<>();
        private static final String ALL = "\u0000any";

        void add(int variant, java.util.Set<String> channels, java.util.Set<Integer> eventIds) {
            List<String> keys = new ArrayList<>();
            if (channels.isEmpty()) {
                keys.add(ALL);
            } else {
                for (String c : channels) {
                    keys.add(key(c));
                }
            }
            for (String k : keys) {
                if (eventIds.isEmpty()) {
                    any.computeIfAbsent(k, x -> new ArrayList<>()).add(variant);
                } else {
                    TreeMap<Integer, List<Integer>> m = byId.computeIfAbsent(k, x -> new TreeMap<>());
                    for (int id : eventIds) {
                        m.computeIfAbsent(id, x -> new ArrayList<>()).add(variant);
                    }
                }
            }
        }

        CandidateIndex build() {
            HashMap<String, Bucket> out = new HashMap<>();
            java.util.Set<String> keys = new java.util.HashSet<>(byId.keySet());
            keys.addAll(any.keySet());
            for (String k : keys) {
                out.put(k, bucket(k));
            }
            Bucket all = out.remove(ALL);
            return new CandidateIndex(out, all == null ? new Bucket(new int[0], new int[0][], NONE) : all);
        }

        private Bucket bucket(String k) {
            TreeMap<Integer, List<Integer>> m = byId.getOrDefault(k, new TreeMap<>());
            int[] ids = new int[m.size()];
            int[][] lists = new int[m.size()][];
            int i = 0;
            for (Map.Entry<Integer, List<Integer>> e : m.entrySet()) {
                ids[i] = e.getKey();
                lists[i] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
                i++;
            }
            int[] anyId = any.getOrDefault(k, List.of()).stream().mapToInt(Integer::intValue).toArray();
            return new Bucket(ids, lists, anyId);
        }
    }
}
