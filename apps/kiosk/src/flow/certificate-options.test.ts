import { describe, expect, it } from 'vitest';
import type { Offering } from '@konbini-kofu/center-client';
import { changeOptions, defaultOptions } from './certificate-options';

const household: Offering = {
  kind: 'juminhyo',
  fee: 200,
  available: true,
  members: [
    { id: 'taro', name: '山田　太郎' },
    { id: 'hanako', name: '山田　花子' },
    { id: 'sora', name: '山田　空' },
  ],
};
const register: Offering = { ...household, kind: 'koseki', fee: 450 };

describe('世帯の一部 in the flow', () => {
  const start = defaultOptions('juminhyo', household);

  it('starts 世帯の一部 with the applicant (listed first), and drops the members on leaving it', () => {
    const members = changeOptions('juminhyo', start, { juminhyo: { scope: 'members' } }, household)!;
    expect(members.juminhyo).toMatchObject({ scope: 'members', memberIds: ['taro'] });
    const back = changeOptions('juminhyo', members, { juminhyo: { scope: 'household' } }, household)!;
    expect(back.juminhyo?.scope).toBe('household');
    // The center refuses memberIds beside another scope.
    expect(back.juminhyo).not.toHaveProperty('memberIds');
  });

  it('takes only listed people, at least one, kept in the order listed', () => {
    const members = changeOptions('juminhyo', start, { juminhyo: { scope: 'members' } }, household)!;
    expect(changeOptions('juminhyo', members, { juminhyo: { memberIds: ['sora', 'taro'] } }, household)?.juminhyo?.memberIds).toEqual(['taro', 'sora']);
    expect(changeOptions('juminhyo', members, { juminhyo: { memberIds: [] } }, household)).toBeUndefined();
    expect(changeOptions('juminhyo', members, { juminhyo: { memberIds: ['taro', 'sato-kenji'] } }, household)).toBeUndefined();
  });

  it('refuses 世帯の一部 when the center listed no household (a household of one)', () => {
    expect(changeOptions('juminhyo', start, { juminhyo: { scope: 'members' } }, { ...household, members: [] })).toBeUndefined();
    expect(changeOptions('juminhyo', start, { juminhyo: { scope: 'members', memberIds: ['taro'] } }, undefined)).toBeUndefined();
  });

  it('ignores member ids sent with another scope', () => {
    expect(changeOptions('juminhyo', start, { juminhyo: { memberIds: ['hanako'] } }, household)?.juminhyo).not.toHaveProperty('memberIds');
  });
});

describe('戸籍 個人事項 of another member in the flow', () => {
  const start = defaultOptions('koseki', register);

  it('names the applicant explicitly on choosing 個人事項, so what the screen shows chosen is what prints', () => {
    expect(changeOptions('koseki', start, { koseki: { scope: 'individual' } }, register)?.koseki).toEqual({ scope: 'individual', memberId: 'taro' });
  });

  it('takes another listed member, never one not listed, and forgets the member for 全部事項', () => {
    const individual = changeOptions('koseki', start, { koseki: { scope: 'individual' } }, register)!;
    const hanako = changeOptions('koseki', individual, { koseki: { memberId: 'hanako' } }, register)!;
    expect(hanako.koseki).toEqual({ scope: 'individual', memberId: 'hanako' });
    expect(changeOptions('koseki', individual, { koseki: { memberId: 'yamada-sora' } }, register)).toBeUndefined();
    expect(changeOptions('koseki', hanako, { koseki: { scope: 'full' } }, register)?.koseki).toEqual({ scope: 'full' });
  });

  it('keeps 個人事項 of the applicant without a member list (a 戸籍 of one)', () => {
    expect(changeOptions('koseki', start, { koseki: { scope: 'individual' } }, { ...register, members: [] })?.koseki).toEqual({ scope: 'individual' });
    expect(changeOptions('koseki', start, { koseki: { scope: 'individual', memberId: 'x' } }, { ...register, members: [] })).toBeUndefined();
  });
});
