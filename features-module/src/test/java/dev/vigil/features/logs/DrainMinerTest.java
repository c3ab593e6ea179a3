package dev.vigil.features.logs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import dev.vigil.features.state.SnapshotMismatchException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DrainMinerTest {

    private final DrainMiner miner = new DrainMiner(DrainParameters.defaults());

    @Test
    void aFullMinerCountsNewShapesUnderOverflowAndStillMatchesWhatItKnows() {
        DrainMiner small = new DrainMiner(DrainParameters.defaults().withMaxTemplates(2));
        Template login = small.match("user 17 logged in from web");
        small.match("disk sda1 is full");

        Template third = small.match("certificate for api expires soon");
        Template fourth = small.match("queue orders is backing up");

        assertThat(small.size()).isEqualTo(2);
        assertThat(third.id()).isEqualTo(DrainMiner.OVERFLOW_ID);
        assertThat(fourth.id()).isEqualTo(DrainMiner.OVERFLOW_ID);
        assertThat(fourth.count()).isEqualTo(2);
        assertThat(small.match("user 42 logged in from web").id()).isEqualTo(login.id());
        assertThatThrownBy(() -> DrainParameters.defaults().withMaxTemplates(0)).hasMessageContaining("max templates");
    }

    @Test
    void linesDifferingInMaskedVariablesShareOneTemplate() {
        Template first = miner.match("user 17 logged in from 10.0.0.1");
        Template second = miner.match("user 42 logged in from 10.0.0.2");

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.text()).isEqualTo("user <*> logged in from <*>");
        assertThat(second.count()).isEqualTo(2);
        assertThat(miner.size()).isEqualTo(1);
    }

    /**
     * Brain's rule: a word that takes few values tells events apart ({@code ... SOCKS5} and {@code ... HTTPS} are two
     * events); one that keeps taking new values is a variable, and once it took four the templates it told apart merge
     * into the oldest, whose id the others' now resolve to.
     */
    @Test
    void aPositionIsAVariableOnceItTookFourValuesAndTheTemplatesItToldApartMerge() {
        Template https = miner.match("proxy.example.com:443 open through proxy gw.example.com:80 HTTPS");
        Template socks = miner.match("proxy.example.com:443 open through proxy gw.example.com:80 SOCKS5");
        assertThat(socks.id()).isNotEqualTo(https.id());
        assertThat(socks.text()).isEqualTo("<*> open through proxy <*> SOCKS5");
        assertThat(miner.match("a.example.com:22 open through proxy gw.example.com:80 HTTPS").id()).isEqualTo(https.id());

        Template alice = miner.match("session opened for user alice");
        Template bob = miner.match("session opened for user bob");
        Template carol = miner.match("session opened for user carol");
        assertThat(List.of(alice.id(), bob.id(), carol.id())).doesNotHaveDuplicates();

        Template dave = miner.match("session opened for user dave");
        assertThat(dave.id()).isEqualTo(alice.id());
        assertThat(dave.text()).isEqualTo("session opened for user <*>");
        assertThat(dave.count()).isEqualTo(4);
        assertThat(miner.resolve(bob.id())).isEqualTo(alice.id());
        assertThat(miner.template(carol.id())).map(Template::id).contains(alice.id());
        assertThat(miner.templates()).extracting(Template::id).doesNotContain(bob.id(), carol.id());
        assertThat(new DrainMiner(DrainParameters.defaults().withDistinctValues(2)).match("x alice").id())
                .as("2: Drain's own rule, every difference a variable").isNotNull();
    }

    @Test
    void valuesDifferingOnlyInDigitsOrHoldingMaskedPartsAreAVariableAtOnce() {
        String node = miner.match("heartbeat from node7 ok").id();
        assertThat(miner.match("heartbeat from node12 ok").id()).isEqualTo(node);
        String attempt = miner.match("Progress of attempt_1445_0020_m_000000_0 is 0.5").id();
        assertThat(miner.match("Progress of attempt_1445_0020_r_000003_0 is 0.7").id()).isEqualTo(attempt);
        assertThat(miner.match("Progress of attempt_1445_0020_r_000003_0 is 0.7").text())
                .isEqualTo("Progress of <*> is <*>");
    }

    @Test
    void keyValueValuesHoldingDataAreAVariableAtOnceOthersAreCounted() {
        String request = miner.match("request done status=200 path=/api/a/b").id();
        assertThat(miner.match("request done status=404 path=/api/c/d").id()).isEqualTo(request);
        String root = miner.match("auth failure rhost=zummit.com user=root").id();
        assertThat(miner.match("auth failure rhost=10.0.0.9 user=root").id()).as("a host then an address").isEqualTo(root);
        assertThat(miner.match("auth failure rhost=10.0.0.9 user=guest").id()).as("two users: two events")
                .isNotEqualTo(root);
        DrainMiner counted = new DrainMiner(DrainParameters.defaults().withKeyValues(false));
        String plain = counted.match("auth failure rhost=zummit.com user=root").id();
        assertThat(counted.match("auth failure rhost=10.0.0.9 user=root").id()).isNotEqualTo(plain);
    }

    @Test
    void aLineEqualToATemplatesFirstLineAlwaysBelongsToIt() {
        // the family's template generalises away from its first line until that line is below the threshold
        Template first = miner.match("a b <*> d");
        miner.match("a x <*> <*>");
        miner.match("z <*> <*> <*>");

        assertThat(miner.match("a b <*> d").id()).isEqualTo(first.id());
        assertThat(miner.templates()).extracting(Template::id).noneMatch(id -> id.contains("-"));
    }

    /**
     * Issue 17's multiplying template ids: a masked position never counted as equal, so a line with more masked tokens
     * than words ("GET <*> <*> <*> <*>": one word in five) stayed below the similarity threshold even against the
     * template it started; each such line made a template of its own with the same first line, {@code <id>-2},
     * {@code <id>-3}, ... until the miner was full, one series of {@code log-template-rates} each.
     */
    @Test
    void linesMostlyOfVariablesShareOneTemplateInsteadOfMultiplyingIds() {
        for (int i = 0; i < 50; i++) {
            miner.match("GET /api/orders/" + i + " 200 " + (10 + i) + " " + (500 + 7 * i));
        }

        assertThat(miner.size()).isEqualTo(1);
        assertThat(miner.templates().get(0).id()).hasSize(12).doesNotContain("-");
        assertThat(miner.templates().get(0).count()).isEqualTo(50);
    }

    @Test
    void differentTokenCountsNeverMerge() {
        Template short_ = miner.match("connection closed by peer");
        Template long_ = miner.match("connection closed by peer again");

        assertThat(long_.id()).isNotEqualTo(short_.id());
        assertThat(miner.templates()).extracting(Template::text)
                .containsExactly("connection closed by peer", "connection closed by peer again");
    }

    @Test
    void linesBelowTheSimilarityThresholdStartANewTemplate() {
        DrainParameters drain = DrainParameters.defaults().withDistinctValues(2);
        DrainMiner strict = new DrainMiner(drain.withSimilarityThreshold(0.8));
        DrainMiner lax = new DrainMiner(drain.withSimilarityThreshold(0.5));
        for (DrainMiner m : List.of(strict, lax)) {
            m.match("disk sda is full on host");
            m.match("disk sdb is empty on host"); // 4 of 6 tokens equal: similarity 0.67
        }

        assertThat(strict.size()).isEqualTo(2);
        assertThat(lax.size()).isEqualTo(1);
        assertThat(lax.templates().get(0).text()).isEqualTo("disk <*> is <*> on host");
    }

    @Test
    void leadingTokensRouteLinesToDifferentLeaves() {
        // depth 4 routes by the first token: identical tails under different first words never meet
        miner.match("started worker pool size small");
        Template other = miner.match("stopped worker pool size small");

        assertThat(miner.size()).isEqualTo(2);
        assertThat(other.text()).isEqualTo("stopped worker pool size small");
    }

    @Test
    void masksVariablesBeforeMatching() {
        Template t = miner.match("read 4096 bytes from 10.0.0.12:5432 at 0x7ffde0 file /var/lib/db/data.bin id 3f9a2c7e81"
                + " host db-1.eu.example.com:5432 req 9b2e4c1a-0b7d-4e4f-8a21-5c3b2a1d0e9f in 12ms at 2026-11-22T10:00:00Z");

        assertThat(t.text()).isEqualTo("read <*> from <*> at <*> file <*> id <*> host <*> req <*> in <*> at <*>");
        assertThat(miner.match("read 1.5 KB from 192.168.1.1:80 at 0xff file /tmp/x/y id 00000000aa"
                + " host a.b.example.org req 00000000-0000-0000-0000-000000000000 in 2.5 s at 2027-01-01").id())
                .isEqualTo(t.id());
    }

    @Test
    void masksLeaveWordsWithDigitsAlone() {
        assertThat(miner.match("node user42 joined cluster eu1").text()).isEqualTo("node user42 joined cluster eu1");
        assertThat(miner.match("port=8080 ready").text()).isEqualTo("port=<*> ready");
    }

    @Test
    void masksAreConfigurable() {
        DrainMiner noMasks = new DrainMiner(DrainParameters.defaults().withMasks(List.of()));
        DrainMiner blocks = new DrainMiner(DrainParameters.defaults()
                .withMasks(List.of(MaskRule.of("block", "blk_-?\\d+"))));

        assertThat(noMasks.match("got 42 items").text()).isEqualTo("got 42 items");
        assertThat(blocks.match("deleting blk_-12345 now").text()).isEqualTo("deleting <*> now");
        assertThat(MaskRule.builtIn("ip")).isSameAs(MaskRule.IP);
        assertThatThrownBy(() -> MaskRule.builtIn("mac"))
                .hasMessageContaining("url, uuid, path, datetime, host, ip, time, quantity, num, hex");
    }

    @Test
    void findDoesNotLearn() {
        miner.match("cache warmed in 20 ms");

        assertThat(miner.find("cache warmed in 35 ms")).map(Template::count).contains(1L);
        assertThat(miner.find("totally different line")).isEmpty();
        assertThat(miner.size()).isEqualTo(1);
    }

    @Test
    void idsDoNotDependOnArrivalOrderOfOtherTemplates() {
        DrainMiner other = new DrainMiner(DrainParameters.defaults());
        String a = miner.match("job alpha finished").id();
        miner.match("queue drained");
        other.match("queue drained");
        String b = other.match("job alpha finished").id();

        assertThat(b).isEqualTo(a).hasSize(12);
    }

    @Test
    void aRestoredMinerMapsTheSameLinesToTheSameIds() throws IOException {
        List<String> lines = List.of("session opened for user root", "session opened for user bob",
                "session closed for user root", "accepted password for bob from 10.1.2.3 port 22",
                "accepted password for eve from 10.1.2.4 port 2222", "disk full", "disk full again and again");
        for (String line : lines) {
            miner.match(line);
        }

        DrainMiner restored = DrainMiner.readFrom(in(snapshot(miner)), DrainParameters.defaults(),
                TemplateOverrides.NONE);

        assertThat(restored.templates()).isEqualTo(miner.templates());
        for (String line : List.of("session opened for user alice", "accepted password for joe from 10.9.9.9 port 1",
                "disk full", "brand new line here")) {
            assertThat(restored.match(line)).isEqualTo(miner.match(line));
        }
    }

    @Test
    void aSnapshotOfOtherParametersIsMigratedKeepingItsIds() throws IOException {
        DrainMiner counted = new DrainMiner(DrainParameters.defaults().withDistinctValues(10));
        String alice = counted.match("session opened for user alice").id();
        String bob = counted.match("session opened for user bob").id();
        String disk = counted.match("disk sda is full").id();

        DrainMiner migrated = DrainMiner.readFrom(in(snapshot(counted)), DrainParameters.defaults(), TemplateOverrides.NONE);

        assertThat(migrated.match("disk sda is full").id()).isEqualTo(disk);
        assertThat(migrated.match("session opened for user alice").id()).isEqualTo(alice);
        assertThat(migrated.match("session opened for user bob").id()).isEqualTo(bob);
        assertThat(migrated.templates()).extracting(Template::count).containsExactly(2L, 2L, 2L);
        assertThatThrownBy(() -> DrainMiner.readFrom(in(new byte[] { 0, 9 }), DrainParameters.defaults(),
                TemplateOverrides.NONE)).isInstanceOf(SnapshotMismatchException.class).hasMessageContaining("version 9");
    }

    @Test
    void renameAndIgnoreComeFromConfiguration() {
        String id = miner.match("payment declined for order 17").id();
        String other = miner.match("heartbeat ok").id();
        miner.overrides(TemplateOverrides.fromProperties(Map.of(id + ".name", "payment-declined",
                other + ".ignore", "true")));

        Template payment = miner.match("payment declined for order 99");
        assertThat(payment.name()).isEqualTo("payment-declined");
        assertThat(payment.id()).isEqualTo(id);
        assertThat(payment.ignored()).isFalse();
        assertThat(miner.match("heartbeat ok").ignored()).isTrue();
        assertThat(miner.template(other)).map(Template::name).contains(other);
    }

    @Test
    void overridesSurviveARestoreBecauseTheyKeyOnStableIds() throws IOException {
        String id = miner.match("payment declined for order 17").id();
        TemplateOverrides overrides = TemplateOverrides.NONE.rename(id, "declined").ignore(id);

        DrainMiner restored = DrainMiner.readFrom(in(snapshot(miner)), DrainParameters.defaults(), overrides);

        Template t = restored.match("payment declined for order 18");
        assertThat(t.name()).isEqualTo("declined");
        assertThat(t.ignored()).isTrue();
    }

    @Test
    void badOverridesAreRefusedWithTheKey() {
        assertThatThrownBy(() -> TemplateOverrides.fromProperties(Map.of("abc.colour", "red")))
                .hasMessageContaining("abc.colour");
        assertThatThrownBy(() -> TemplateOverrides.fromProperties(Map.of("abc.ignore", "maybe")))
                .hasMessageContaining("true or false");
    }

    @Test
    void emptyMessagesHaveTheirOwnTemplate() {
        Template empty = miner.match("   ");
        assertThat(miner.match("").id()).isEqualTo(empty.id());
        assertThat(empty.text()).isEmpty();
    }

    @Test
    void maxChildrenBoundsTheTree() {
        DrainMiner narrow = new DrainMiner(DrainParameters.defaults().withMaxChildren(3).withDistinctValues(2));
        narrow.match("alpha started now");
        narrow.match("beta started now");
        // the third first-token would be the node's last free place: it goes to the wildcard child from now on
        Template gamma = narrow.match("gamma started now");
        Template delta = narrow.match("delta started now");

        assertThat(delta.id()).isEqualTo(gamma.id());
        assertThat(delta.text()).isEqualTo("<*> started now");
    }

    @Test
    void parametersAreChecked() {
        assertThatThrownBy(() -> DrainParameters.defaults().withDepth(2)).hasMessageContaining("at least 3");
        assertThatThrownBy(() -> DrainParameters.defaults().withSimilarityThreshold(1.5)).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> DrainParameters.defaults().withMaxChildren(1)).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> DrainParameters.defaults().withDistinctValues(1)).hasMessageContaining("between 2 and 100");
    }

    private static byte[] snapshot(DrainMiner miner) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        miner.writeTo(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static DataInputStream in(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }
}
