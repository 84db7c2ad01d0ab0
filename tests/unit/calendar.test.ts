import { addWorkingDays, calendarCoverage, dayKind, isWorkingDay, nextWorkingDay, previousWorkingDay, uncoveredYears } from '../../domain/calendar';

// Dates below are read from the State Council's notices for 2026 (春节 2月15日–23日 with 调休上班
// on Saturday 2月14日 and 2月28日; 中秋 9月25日–27日; 国庆 10月1日–7日 with 调休上班 on Sunday
// 9月20日 and Saturday 10月10日), written by hand, not derived from the data under test.

describe('China working-day calendar (chinese-days data)', () => {
  it('covers the years of the installed data, 2004 to 2026', () => {
    expect(calendarCoverage()).toEqual({ from: 2004, to: 2026 });
  });

  it('a make-up Saturday is a working day; Spring Festival days are not; an ordinary Saturday is not', () => {
    expect(dayKind('2026-02-14')).toEqual({ working: true, covered: true, name: '调休上班' });
    expect(dayKind('2026-02-28')).toEqual({ working: true, covered: true, name: '调休上班' });
    for (let d = 15; d <= 23; d++) expect(dayKind(`2026-02-${d}`)).toEqual({ working: false, covered: true, name: '春节' });
    expect(dayKind('2026-03-07')).toEqual({ working: false, covered: true, name: '周六' });
    expect(dayKind('2026-03-08')).toEqual({ working: false, covered: true, name: '周日' });
    expect(dayKind('2026-02-24')).toEqual({ working: true, covered: true });
    expect(dayKind('2026-10-01')).toMatchObject({ working: false, name: '国庆节' });
    expect(dayKind('2026-09-20')).toMatchObject({ working: true, name: '调休上班' });
    expect(isWorkingDay('2026-10-10')).toBe(true);
    expect(isWorkingDay('2026-10-07')).toBe(false);
  });

  it('previousWorkingDay crosses the Spring Festival to the make-up Saturday; a working day is its own', () => {
    expect(previousWorkingDay('2026-02-23')).toBe('2026-02-14');
    expect(previousWorkingDay('2026-02-15')).toBe('2026-02-14');
    expect(previousWorkingDay('2026-02-24')).toBe('2026-02-24');
    expect(previousWorkingDay('2026-10-07')).toBe('2026-09-30');
    expect(nextWorkingDay('2026-02-15')).toBe('2026-02-24');
    expect(nextWorkingDay('2026-10-01')).toBe('2026-10-08');
  });

  it('addWorkingDays skips 国庆 and 中秋 both ways and counts the make-up days', () => {
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays('2026-10-08', -1)).toBe('2026-09-30');
    expect(addWorkingDays('2026-10-09', 1)).toBe('2026-10-10');
    // 10-08, 09-30, 09-29, 09-28, (中秋 09-25..27), 09-24, 09-23, 09-22.
    expect(addWorkingDays('2026-10-09', -7)).toBe('2026-09-22');
    // 09-21 (Mon) back to the make-up Sunday 09-20, then Friday 09-18.
    expect(addWorkingDays('2026-09-21', -2)).toBe('2026-09-18');
    expect(addWorkingDays('2026-09-21', -1)).toBe('2026-09-20');
    expect(addWorkingDays('2026-10-09', 0)).toBe('2026-10-09');
  });

  it('a year past the data falls back to weekends only and says it is not covered', () => {
    // 2027-01-01 will be 元旦, but no data says so yet: a Friday, so a working day.
    expect(dayKind('2027-01-01')).toEqual({ working: true, covered: false });
    expect(dayKind('2027-01-02')).toEqual({ working: false, covered: false, name: '周六' });
    expect(previousWorkingDay('2027-01-03')).toBe('2027-01-01');
    expect(uncoveredYears(['2026-12-31', '2027-03-01', '2028-01-05', '2027-01-02'])).toEqual([2027, 2028]);
    expect(uncoveredYears(['2026-10-08', '2004-05-01'])).toEqual([]);
  });

  it('a pinned year treats later data as absent, so a replay never sees newer data', () => {
    expect(dayKind('2026-10-01', 2025)).toEqual({ working: true, covered: false });
    expect(uncoveredYears(['2026-10-01'], 2025)).toEqual([2026]);
  });
});
