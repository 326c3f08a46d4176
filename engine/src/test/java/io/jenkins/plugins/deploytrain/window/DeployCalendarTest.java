package io.jenkins.plugins.deploytrain.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeployCalendarTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Duration HORIZON = Duration.ofDays(400);
    static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);

    static final Window BUSINESS = new Window("business-hours", PARIS, WEEKDAYS, DailyHours.parse("09:00-17:00"));
    static final Window TRADING = new Window("us-trading-hours", NEW_YORK, WEEKDAYS, DailyHours.parse("09:30-16:00"));

    static Instant at(String localDateTime, ZoneId zone) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), zone).toInstant();
    }

    static DeployCalendar allowedOnly(Window... windows) {
        return new DeployCalendar(List.of(List.of(windows)), List.of(), List.of(), PARIS, List.of());
    }

    @Test
    void springForwardWindowIsOnlyAsLongAsTheWallClockShowsIt() {
        // 2027-03-14: New York jumps from 02:00 EST to 03:00 EDT, so 01:30-02:30 lasts 30 minutes
        Window night = new Window("night", NEW_YORK, EVERY_DAY, DailyHours.parse("01:30-02:30"));
        LocalDate springForward = LocalDate.of(2027, 3, 14);
        assertThat(night.opening(springForward))
                .isEqualTo(new Interval(Instant.parse("2027-03-14T06:30:00Z"), Instant.parse("2027-03-14T07:00:00Z")));

        DeployCalendar calendar = allowedOnly(night);
        Instant saturdayEvening = at("2027-03-13T20:00", NEW_YORK);
        assertThat(calendar.earliestStart(saturdayEvening, Duration.ofMinutes(20), HORIZON))
                .contains(Instant.parse("2027-03-14T06:30:00Z"));
        // 45 minutes do not fit on the short night: the next night, 01:30 EDT
        assertThat(calendar.earliestStart(saturdayEvening, Duration.ofMinutes(45), HORIZON))
                .contains(Instant.parse("2027-03-15T05:30:00Z"));
    }

    @Test
    void windowStartingInTheSkippedHourOpensAtTheJump() {
        Window w = new Window("w", NEW_YORK, EVERY_DAY, DailyHours.parse("02:15-04:00"));
        assertThat(w.opening(LocalDate.of(2027, 3, 14)))
                .isEqualTo(new Interval(Instant.parse("2027-03-14T07:00:00Z"), Instant.parse("2027-03-14T08:00:00Z")));
    }

    @Test
    void fallBackWindowUsesTheFirstShowingOfTheWallClock() {
        Window w = new Window("w", NEW_YORK, EVERY_DAY, DailyHours.parse("01:00-01:45"));
        assertThat(w.opening(LocalDate.of(2026, 11, 1)))
                .isEqualTo(new Interval(Instant.parse("2026-11-01T05:00:00Z"), Instant.parse("2026-11-01T05:45:00Z")));
    }

    @Test
    void windowSpanningMidnightBelongsToTheDayItStarts() {
        Window fridayNight = new Window("friday-night", PARIS, Set.of(DayOfWeek.FRIDAY), DailyHours.parse("22:00-02:00"));
        DeployCalendar calendar = allowedOnly(fridayNight);
        // Saturday 2026-12-05 01:00 is still Friday night's window
        Instant saturdayOneAm = at("2026-12-05T01:00", PARIS);
        assertThat(calendar.earliestStart(saturdayOneAm, Duration.ofMinutes(30), HORIZON)).contains(saturdayOneAm);
        // 01:45 + 30 min would end after 02:00: next Friday 22:00
        assertThat(calendar.earliestStart(at("2026-12-05T01:45", PARIS), Duration.ofMinutes(30), HORIZON))
                .contains(at("2026-12-11T22:00", PARIS));
    }

    @Test
    void holidayWeekSkipsTheHolidayInTheWindowsZone() {
        DeployCalendar calendar = new DeployCalendar(List.of(List.of(BUSINESS)), List.of(),
                List.of(LocalDate.of(2026, 12, 25)), ZoneId.of("UTC"), List.of());
        // Thursday 24th 16:45: 30 minutes do not fit, Friday 25th is a holiday, the weekend is closed
        assertThat(calendar.earliestStart(at("2026-12-24T16:45", PARIS), Duration.ofMinutes(30), HORIZON))
                .contains(at("2026-12-28T09:00", PARIS));
        assertThat(calendar.isOpen(at("2026-12-25T10:00", PARIS))).isFalse();
        assertThat(calendar.isOpen(at("2026-12-24T10:00", PARIS))).isTrue();
    }

    @Test
    void holidayWithoutAllowedWindowsClosesTheDayInTheDefaultZone() {
        DeployCalendar calendar = new DeployCalendar(List.of(), List.of(), List.of(LocalDate.of(2026, 12, 25)), NEW_YORK, List.of());
        assertThat(calendar.earliestStart(at("2026-12-24T23:30", NEW_YORK), Duration.ofHours(1), HORIZON))
                .contains(at("2026-12-26T00:00", NEW_YORK));
    }

    @Test
    void freezeIsADateTimeRangeInItsOwnZone() {
        Freeze yearEnd = new Freeze(LocalDateTime.parse("2026-12-18T18:00"), LocalDateTime.parse("2027-01-04T10:00"), NEW_YORK, "year end");
        DeployCalendar calendar = new DeployCalendar(List.of(List.of(BUSINESS)), List.of(), List.of(), PARIS, List.of(yearEnd));
        // the freeze starts Friday 18th 18:00 New York = Saturday 00:00 Paris, so Friday afternoon is open
        assertThat(calendar.earliestStart(at("2026-12-18T16:00", PARIS), Duration.ofMinutes(30), HORIZON))
                .contains(at("2026-12-18T16:00", PARIS));
        // it ends Monday 4th 10:00 New York = 16:00 Paris, inside Paris business hours
        assertThat(calendar.earliestStart(at("2026-12-21T09:00", PARIS), Duration.ofMinutes(30), HORIZON))
                .contains(at("2027-01-04T16:00", PARIS));
        assertThat(calendar.earliestStart(at("2026-12-21T09:00", PARIS), Duration.ofHours(2), HORIZON))
                .contains(at("2027-01-05T09:00", PARIS));
    }

    @Test
    void blackoutPushesAStepThatWouldOverlapIt() {
        DeployCalendar calendar = new DeployCalendar(List.of(), List.of(TRADING), List.of(), PARIS, List.of());
        // Monday 08:45 New York + 1h would run into the 09:30 open
        assertThat(calendar.earliestStart(at("2026-12-07T08:45", NEW_YORK), Duration.ofHours(1), HORIZON))
                .contains(at("2026-12-07T16:00", NEW_YORK));
        assertThat(calendar.earliestStart(at("2026-12-07T08:00", NEW_YORK), Duration.ofHours(1), HORIZON))
                .contains(at("2026-12-07T08:00", NEW_YORK));
        // the weekend has no trading hours
        assertThat(calendar.earliestStart(at("2026-12-05T12:00", NEW_YORK), Duration.ofHours(6), HORIZON))
                .contains(at("2026-12-05T12:00", NEW_YORK));
    }

    @Test
    void windowsOfOneGroupAddUpAndGroupsNarrowEachOther() {
        Window saturday = new Window("saturday", PARIS, Set.of(DayOfWeek.SATURDAY), DailyHours.parse("10:00-12:00"));
        DeployCalendar either = allowedOnly(BUSINESS, saturday);
        assertThat(either.earliestStart(at("2026-12-04T17:30", PARIS), Duration.ofMinutes(30), HORIZON))
                .contains(at("2026-12-05T10:00", PARIS));

        Window afternoons = new Window("afternoons", PARIS, EVERY_DAY, DailyHours.parse("14:00-20:00"));
        DeployCalendar both = new DeployCalendar(List.of(List.of(BUSINESS), List.of(afternoons)), List.of(), List.of(), PARIS, List.of());
        assertThat(both.earliestStart(at("2026-12-07T09:00", PARIS), Duration.ofMinutes(30), HORIZON))
                .contains(at("2026-12-07T14:00", PARIS));
        assertThat(both.earliestStart(at("2026-12-07T16:45", PARIS), Duration.ofMinutes(30), HORIZON))
                .contains(at("2026-12-08T14:00", PARIS));
    }

    @Test
    void neverOpenGivesNothingWithinTheHorizon() {
        Window always = new Window("always", NEW_YORK, EVERY_DAY, DailyHours.parse("00:00-24:00"));
        DeployCalendar calendar = new DeployCalendar(List.of(List.of(BUSINESS)), List.of(always), List.of(), PARIS, List.of());
        assertThat(calendar.earliestStart(at("2026-12-07T09:00", PARIS), Duration.ofMinutes(30), HORIZON)).isEmpty();
        // a step longer than any opening can never run either
        assertThat(allowedOnly(BUSINESS).earliestStart(at("2026-12-07T09:00", PARIS), Duration.ofHours(9), HORIZON)).isEmpty();
    }

    @Test
    void aLongFreezeIsJumpedBeyondTheFirstSearchStep() {
        Freeze quarter = new Freeze(LocalDateTime.parse("2027-01-01T00:00"), LocalDateTime.parse("2027-03-01T00:00"), PARIS, "audit");
        DeployCalendar calendar = new DeployCalendar(List.of(List.of(BUSINESS)), List.of(), List.of(), PARIS, List.of(quarter));
        assertThat(calendar.earliestStart(at("2027-01-02T09:00", PARIS), Duration.ofMinutes(30), HORIZON))
                .contains(at("2027-03-01T09:00", PARIS));
        assertThat(calendar.earliestStart(at("2027-01-02T09:00", PARIS), Duration.ofMinutes(30), Duration.ofDays(30)))
                .isEqualTo(Optional.empty());
    }
}
