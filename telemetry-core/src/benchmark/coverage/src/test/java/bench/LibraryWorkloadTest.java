package bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.CharMatcher;
import com.google.common.base.Joiner;
import com.google.common.base.Splitter;
import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import com.google.common.collect.HashBasedTable;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedSet;
import com.google.common.collect.Iterables;
import com.google.common.collect.LinkedHashMultimap;
import com.google.common.collect.Multiset;
import com.google.common.collect.HashMultiset;
import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.Table;
import com.google.common.collect.TreeRangeSet;
import com.google.common.collect.HashBiMap;
import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.Subscribe;
import com.google.common.graph.GraphBuilder;
import com.google.common.graph.MutableGraph;
import com.google.common.hash.Hashing;
import com.google.common.io.BaseEncoding;
import com.google.common.math.IntMath;
import com.google.common.net.InternetDomainName;
import com.google.common.primitives.Ints;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import kotlin.Pair;
import kotlin.collections.CollectionsKt;
import kotlin.collections.MapsKt;
import kotlin.text.Regex;
import kotlin.text.StringsKt;
import org.junit.jupiter.api.Test;

/** Real use of Guava and the Kotlin standard library, so the exec data covers a realistic part of them. */
class LibraryWorkloadTest {

    @Test
    void guavaCollections() {
        ImmutableList<Integer> list = ImmutableList.of(5, 3, 9, 1);
        assertEquals(ImmutableSortedSet.of(1, 3, 5, 9), ImmutableSortedSet.copyOf(list));
        LinkedHashMultimap<String, Integer> multimap = LinkedHashMultimap.create();
        multimap.put("a", 1);
        multimap.put("a", 2);
        assertEquals(2, multimap.get("a").size());
        Table<String, String, Integer> table = HashBasedTable.create();
        table.put("r", "c", 7);
        assertEquals(7, table.get("r", "c"));
        Multiset<String> bag = HashMultiset.create(List.of("x", "y", "x"));
        assertEquals(2, bag.count("x"));
        RangeSet<Integer> ranges = TreeRangeSet.create();
        ranges.add(Range.closed(1, 5));
        ranges.add(Range.closedOpen(7, 9));
        assertTrue(ranges.contains(8));
        HashBiMap<String, Integer> bimap = HashBiMap.create(ImmutableMap.of("one", 1));
        assertEquals("one", bimap.inverse().get(1));
        assertEquals(9, Iterables.getLast(ImmutableSortedSet.copyOf(list)));
    }

    @Test
    void guavaStringsHashingAndMore() throws Exception {
        assertEquals("a-b-c", Joiner.on('-').join(Splitter.on(',').trimResults().split("a, b ,c")));
        assertEquals("abc", CharMatcher.digit().removeFrom("a1b2c3"));
        assertEquals(64, Hashing.sha256().hashString("telemetry", StandardCharsets.UTF_8).toString().length());
        assertEquals("dGVzdA==", BaseEncoding.base64().encode("test".getBytes(StandardCharsets.UTF_8)));
        assertEquals(1024, IntMath.pow(2, 10));
        assertEquals(3, Ints.max(1, 3, 2));
        assertEquals("example.co.uk", InternetDomainName.from("www.example.co.uk").topPrivateDomain().toString());
        LoadingCache<Integer, Integer> cache = CacheBuilder.newBuilder().maximumSize(10)
                .build(CacheLoader.from(k -> k * k));
        assertEquals(49, cache.get(7));
        MutableGraph<String> graph = GraphBuilder.directed().build();
        graph.putEdge("a", "b");
        assertTrue(graph.hasEdgeConnecting("a", "b"));
        AtomicInteger received = new AtomicInteger();
        EventBus bus = new EventBus();
        bus.register(new Object() {
            @Subscribe
            public void on(String event) {
                received.incrementAndGet();
            }
        });
        bus.post("event");
        assertEquals(1, received.get());
    }

    @Test
    void kotlinStandardLibrary() {
        List<Integer> numbers = CollectionsKt.listOf(4, 2, 4, 1);
        assertEquals(List.of(1, 2, 4, 4), CollectionsKt.sorted(numbers));
        assertEquals(List.of(4, 2, 1), CollectionsKt.distinct(numbers));
        assertEquals(List.of(1, 4, 2, 4), CollectionsKt.reversed(numbers));
        assertEquals("ababab", StringsKt.repeat("ab", 3));
        assertEquals(List.of("a", "b"), StringsKt.lines("a\nb"));
        assertEquals(12, StringsKt.toIntOrNull("12"));
        assertTrue(new Regex("[0-9]+").matches("123"));
        assertEquals(2, MapsKt.mapOf(new Pair<>("k", 1), new Pair<>("v", 2)).size());
    }
}
