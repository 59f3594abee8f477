package sample.assertions;

import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import org.mockito.InOrder;

/** Mockito: 5 counted (stubbing and mock creation are not assertions). */
public class MockitoCalls implements Runnable {

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
        List<String> list = mock(List.class);
        when(list.get(0)).thenReturn("a");
        list.add("x");
        list.get(0);
        verify(list).add("x");
        verify(list, times(1)).get(0);
        InOrder order = inOrder(list);
        order.verify(list).add("x");
        then(list).should().get(0);
        verifyNoMoreInteractions(list);
    }
}
