import { describe, expect, it } from 'vitest';
import { csvText, formatCsv, PLAIN_CSV } from '../../src/output/csv.js';
import { NAME_1, options, sampleDoc } from './fixture.js';

const lines = (text: string): string[] => text.split('\n');

describe('formatCsv, long results', () => {
  const text = formatCsv(sampleDoc(), options);

  it('has the contract columns, then dims, spread and basis keys', () => {
    expect(lines(text)[0]).toBe(
      'indicator,level,school,school_name,municipality,year,subject,grade,task,' +
        'value,numerator,denominator,n,status,schools,school_median,school_q1,school_q3,' +
        'previous,previous_n,previous_year',
    );
  });

  it('quotes per RFC 4180, prints numbers plainly and neutralises text', () => {
    expect(lines(text)[1]).toBe(
      'vpr.quality,school,edu1,"МБОУ «СОШ №1», ""Лицей""",Город,2024,rus,5,,0.457143,16,35,35,ok,,,,,,,',
    );
    expect(lines(text)[2]).toBe(
      `vpr.quality,school,edu2,"'=HYPERLINK(""http://x"")",Город,2024,rus,5,,0.375,3,8,8,insufficient,,,,,,,`,
    );
  });

  it('hides every figure of a suppressed row but keeps n', () => {
    expect(lines(text)[3]).toBe('vpr.quality,school,edu3,ООШ с. Ключи,Город,2024,rus,5,,,,,3,suppressed,,,,,,,');
  });

  it('fills spread on aggregates, dims on task rows, basis on derived rows; a negative number stays a number', () => {
    expect(lines(text)[4]).toBe(
      'vpr.quality,municipality,,,Город,2024,rus,5,,0.456522,21,46,46,ok,3,0.457143,0.416071,0.561905,,,',
    );
    expect(lines(text)[6]).toContain(',5,9.1,0.62,43.4,70,35,ok,');
    expect(lines(text)[7]).toBe(
      'vpr.mark2_change,school,edu1,"МБОУ «СОШ №1», ""Лицей""",Город,2024,rus,5,,-0.05,,,35,ok,,,,,0.114286,35,2023',
    );
    expect(lines(text)[8]).toBe(
      `vpr.mean_percent,school,edu2,"'=HYPERLINK(""http://x"")",Город,2024,rus,5,,,,,0,no_data,,,,,,,`,
    );
    expect(text.endsWith(',,\n')).toBe(true);
    expect(text).not.toContain('\r');
  });

  it('matches the golden file', async () => {
    await expect(text).toMatchFileSnapshot('./golden/sample.csv');
  });
});

describe('formatCsv, excel', () => {
  const text = formatCsv(sampleDoc(), { ...options, excel: true });

  it('starts with the UTF-8 BOM and uses ;, decimal comma and CRLF', () => {
    const bytes = Buffer.from(text, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = text.slice(1).split('\r\n');
    expect(rows[0]!.startsWith('indicator;level;school;school_name;')).toBe(true);
    // The comma inside the name no longer needs quotes, the double quotes still do.
    expect(rows[1]).toBe('vpr.quality;school;edu1;"МБОУ «СОШ №1», ""Лицей""";Город;2024;rus;5;;0,457143;16;35;35;ok;;;;;;;');
    expect(rows[7]).toContain(';-0,05;');
    expect(rows.at(-1)).toBe('');
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('flags with evidence in decimal comma', () => {
    const flags = formatCsv(sampleDoc(), { ...options, excel: true, view: 'flags' }).slice(1).split('\r\n');
    expect(flags[1]).toBe(
      `obj.vpr_high_vs_region;risk;edu1;"МБОУ «СОШ №1», ""Лицей""";Город;2024;rus;5;` +
        'Качество знаний выше регионального на 15,7 п.п.;0,457;0,3;0,157;;;',
    );
  });

  it('matches the golden file', async () => {
    await expect(text).toMatchFileSnapshot('./golden/excel.csv');
  });
});

describe('formatCsv, flags', () => {
  const text = formatCsv(sampleDoc(), { ...options, view: 'flags' });

  it('flattens evidence into evidence_<key> columns and neutralises text', () => {
    expect(lines(text)).toEqual([
      'indicator,level,school,school_name,municipality,year,subject,grade,message,' +
        'evidence_value,evidence_reference,evidence_gap,evidence_share,evidence_n,evidence_note',
      `obj.vpr_high_vs_region,risk,edu1,"${NAME_1.replaceAll('"', '""')}",Город,2024,rus,5,` +
        '"Качество знаний выше регионального на 15,7 п.п.",0.457,0.3,0.157,,,',
      `obj.vpr_journal_raised,warn,edu2,"'=HYPERLINK(""http://x"")",Город,2024,rus,5,` +
        "'-25 % отметок в журнале выше отметок ВПР,,,,0.25,8,'@check",
      '',
    ]);
  });

  it('adds flag dimensions before the message', () => {
    const doc = sampleDoc();
    doc.flags[1]!.dims = { task: '4' };
    expect(lines(formatCsv(doc, { ...options, view: 'flags' }))[0]).toContain(',grade,task,message,');
  });

  it('matches the golden file', async () => {
    await expect(text).toMatchFileSnapshot('./golden/flags.csv');
  });
});

describe('formatCsv, wide', () => {
  const text = formatCsv(sampleDoc(), { ...options, layout: 'wide' });

  it('pivots one column per indicator, one row per place and dims', () => {
    expect(lines(text)).toEqual([
      'level,school,school_name,municipality,year,subject,grade,task,vpr.quality,vpr.task_percent,vpr.mark2_change,vpr.mean_percent',
      'school,edu1,"МБОУ «СОШ №1», ""Лицей""",Город,2024,rus,5,,0.457143,,-0.05,',
      `school,edu2,"'=HYPERLINK(""http://x"")",Город,2024,rus,5,,0.375,,,`,
      'school,edu3,ООШ с. Ключи,Город,2024,rus,5,,,,,',
      'municipality,,,Город,2024,rus,5,,0.456522,,,',
      'region,,,,2024,rus,5,,0.5123,,,',
      'school,edu1,"МБОУ «СОШ №1», ""Лицей""",Город,2024,rus,5,9.1,,0.62,,',
      '',
    ]);
  });

  it('matches the golden file', async () => {
    await expect(text).toMatchFileSnapshot('./golden/wide.csv');
  });
});

describe('csvText', () => {
  it('quotes line breaks and writes a header only for no rows', () => {
    expect(csvText(['a', 'b'], [['x\ny', 'p"q']], PLAIN_CSV)).toBe('a,b\n"x\ny","p""q"\n');
    expect(formatCsv({ moko: '0', inputs: [], results: [], flags: [] }, options)).toBe(
      'indicator,level,school,school_name,municipality,year,subject,grade,value,numerator,denominator,n,status,schools,school_median,school_q1,school_q3\n',
    );
  });
});
