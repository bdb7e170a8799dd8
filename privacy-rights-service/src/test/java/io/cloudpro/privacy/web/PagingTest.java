package io.cloudpro.privacy.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The officer's queue in pages of 50: the links before and after, and what a hand-typed ?page= becomes. */
class PagingTest {

    @Test
    void linksGoToThePagesThatExist() {
        PortalViews.Paging first = PortalViews.Paging.of(1, 50, 120, "/portal/officer");
        assertEquals(3, first.pages());
        assertNull(first.previous());
        assertEquals("/portal/officer?page=2", first.next());

        PortalViews.Paging last = PortalViews.Paging.of(3, 50, 120, "/portal/officer");
        assertEquals("/portal/officer?page=2", last.previous());
        assertNull(last.next());

        PortalViews.Paging empty = PortalViews.Paging.of(1, 50, 0, "/portal/officer");
        assertEquals(1, empty.pages());
        assertNull(empty.next());
    }

    @Test
    void aPageNumberThatIsNoneOrNonsenseIsTheFirst() {
        assertEquals(1, PortalViews.Paging.number(null));
        assertEquals(1, PortalViews.Paging.number("x"));
        assertEquals(1, PortalViews.Paging.number("-3"));
        assertEquals(1, PortalViews.Paging.number("0"));
        assertEquals(4, PortalViews.Paging.number(" 4 "));
        assertEquals(100_000, PortalViews.Paging.number("99999999"));
    }
}
