package it;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.BDDAssertions.then;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import com.google.common.truth.Truth;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.hamcrest.MatcherAssert;
import org.junit.jupiter.api.Test;
import org.mockito.BDDMockito;

/** 6 tests, 12 assertions, 1 void. */
class LibrariesTest {

    @Test
    void assertj() { // 3: one per subject, however long the chain
        Inventory inventory = new Inventory(List.of("a", "b"));
        assertThat(inventory.count()).isEqualTo(2).isPositive().isLessThan(3);
        assertThatThrownBy(() -> List.of().get(0)).isInstanceOf(IndexOutOfBoundsException.class);
        then(inventory.has("a")).isTrue();
    }

    @Test
    void assertjSoftly() { // 2 (assertSoftly itself is not one)
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(1).isOne();
            softly.assertThat("a").isNotEmpty().hasSize(1);
        });
    }

    @Test
    void hamcrest() { // 2
        MatcherAssert.assertThat(1, is(1));
        MatcherAssert.assertThat("telemetry", containsString("tele"));
    }

    @Test
    void truth() { // 2: one per subject
        Truth.assertThat(List.of(1, 2)).containsExactly(1, 2).inOrder();
        assertWithMessage("why").that(42).isGreaterThan(41);
    }

    @Test
    @SuppressWarnings("unchecked")
    void mockito() { // 3: verify, BDD should, verifyNoMoreInteractions (mock, when and calls are not assertions)
        List<String> list = mock(List.class);
        list.add("x");
        verify(list).add("x");
        BDDMockito.then(list).should().add("x");
        verifyNoMoreInteractions(list);
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyStubs() { // void: stubbing and calling a mock checks nothing
        List<String> list = mock(List.class);
        when(list.size()).thenReturn(3);
        new Inventory(list).count();
    }
}
