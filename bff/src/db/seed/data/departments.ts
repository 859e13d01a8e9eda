import type { SeedDepartment } from '../types';

/** 清溪县 (a fictional county of 江川市) — the departments whose guides this seed publishes. */
export const departments: SeedDepartment[] = [
  { code: 'rsj', name: '清溪县人力资源和社会保障局', shortName: '县人社局', description: '负责全县就业创业、社会保险、劳动关系和人事人才工作。', phone: '0797-6321001', address: '清溪县城关镇人民路 18 号' },
  { code: 'ybj', name: '清溪县医疗保障局', shortName: '县医保局', description: '负责全县基本医疗保险、生育保险、医疗救助和医保基金监管。', phone: '0797-6321002', address: '清溪县城关镇人民路 18 号' },
  { code: 'gaj', name: '清溪县公安局', shortName: '县公安局', description: '负责户籍、居民身份证、居住证、出入境等公安政务服务。', phone: '0797-6321110', address: '清溪县城关镇平安大道 66 号' },
  { code: 'mzj', name: '清溪县民政局', shortName: '县民政局', description: '负责社会救助、婚姻登记、养老服务、残疾人福利和社会组织管理。', phone: '0797-6321003', address: '清溪县城关镇和平路 9 号' },
  { code: 'zjj', name: '清溪县住房和城乡建设局', shortName: '县住建局', description: '负责建筑市场、房地产市场、保障性住房和城镇排水管理。', phone: '0797-6321004', address: '清溪县城关镇建设路 120 号' },
  { code: 'scjgj', name: '清溪县市场监督管理局', shortName: '县市场监管局', description: '负责市场主体登记、食品安全、特种设备和价格监督管理。', phone: '0797-6321005', address: '清溪县城关镇商贸路 33 号' },
  { code: 'zrzyj', name: '清溪县自然资源局', shortName: '县自然资源局', description: '负责不动产统一登记、国土空间规划和乡村建设规划许可。', phone: '0797-6321006', address: '清溪县城关镇滨江路 5 号' },
  { code: 'jyj', name: '清溪县教育局', shortName: '县教育局', description: '负责义务教育招生、教师资格认定和学生资助工作。', phone: '0797-6321007', address: '清溪县城关镇文昌路 2 号' },
  { code: 'wjw', name: '清溪县卫生健康委员会', shortName: '县卫健委', description: '负责出生医学证明、生育登记、医疗机构管理和计划生育家庭扶助。', phone: '0797-6321008', address: '清溪县城关镇健康路 15 号' },
  { code: 'zwfwj', name: '清溪县政务服务管理局', shortName: '县政务服务管理局', description: '负责政务服务中心和便民服务中心的运行管理、12345 热线诉求的受理分办和"办不成事"反映窗口的协调督办。', phone: '0797-6321012', address: '清溪县城关镇人民路 18 号' },
  { code: 'gjj', name: '江川市住房公积金管理中心清溪县管理部', shortName: '县公积金管理部', description: '负责住房公积金归集、提取和个人住房贷款业务。', phone: '0797-6321009', address: '清溪县城关镇人民路 18 号' },
];
