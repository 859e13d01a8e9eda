import type { HallInput, InterpretationInput, PolicyInput, ServiceItemInput, WindowInput } from '@zw/shared';

/**
 * Seed records refer to each other by stable codes (department code, item code),
 * never by numeric id: ids are assigned by the database, and re-running the seed
 * must find the same rows again.
 */
export type SeedDepartment = {
  code: string;
  name: string;
  shortName: string;
  description: string;
  phone: string;
  address: string;
};

/** Guide fields added to the content model after the demo data was written: the seed gives them their empty-draft value. */
type AddedLater = 'resultSampleUrl';

export type SeedItem = Omit<ServiceItemInput, 'departmentId' | AddedLater> &
  Partial<Pick<ServiceItemInput, AddedLater>> & { department: string };

export type SeedInterpretation = Omit<InterpretationInput, 'policyId' | 'itemIds'> & {
  /** Codes of the service items this interpretation affects. */
  itemCodes: string[];
};

export type SeedPolicy = Omit<PolicyInput, 'departmentId'> & {
  department: string | null;
  interpretations: SeedInterpretation[];
};

export type SeedWindow = Omit<WindowInput, 'hallId' | 'departmentId' | 'itemIds'> & {
  department: string | null;
  itemCodes: string[];
};

export type SeedHall = HallInput & { windows: SeedWindow[] };
