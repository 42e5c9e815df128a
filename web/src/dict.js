// The one dictionary of the API's code values (its enumerations) in Chinese and English: plan, institution,
// registration, attempt and certificate states, roles, subjects, item kinds, the audit archive's actions,
// entities and detail fields. Pages show codes through label(kind, code) (components/admin/labels.js
// re-exports these); a code missing here is shown as it is.
import { L } from '@/i18n.js';

export const maps = {
  plan: {
    draft: ['草稿', 'Draft', 'info'],
    filed: ['已备案待审核', 'Filed, awaiting approval', 'warning'],
    open: ['报名中', 'Registration open', 'success'],
    examining: ['考试中', 'Examining', 'primary'],
    scoring: ['评分中', 'Scoring', 'primary'],
    publicity: ['公示中', 'Publicity', 'warning'],
    certified: ['已发证', 'Certified', 'success'],
    archived: ['已归档', 'Archived', 'info'],
  },
  inst: {
    filed: ['备案', 'Filed', 'success'],
    suspended: ['暂停', 'Suspended', 'warning'],
    exited: ['退出', 'Exited', 'danger'],
  },
  instType: {
    employer: ['用人单位（自主评价企业）', 'Employer (self-evaluating)', ''],
    social_org: ['社会培训评价组织', 'Social training and evaluation organisation', ''],
    technical_school: ['技工院校', 'Technical school', ''],
    university: ['高等院校', 'University', ''],
    training: ['培训机构', 'Training institution', ''],
  },
  reg: {
    submitted: ['待审核', 'Awaiting review', 'warning'],
    approved: ['审核通过', 'Approved', 'success'],
    rejected: ['未通过', 'Rejected', 'danger'],
  },
  attempt: {
    admitted: ['已检录', 'Admitted', 'info'],
    started: ['答题中', 'Answering', 'primary'],
    submitted: ['已交卷', 'Submitted', 'success'],
    absent: ['缺考', 'Absent', 'warning'],
    void: ['已作废', 'Voided', 'danger'],
  },
  cert: {
    valid: ['有效', 'Valid', 'success'],
    revoked: ['已撤销', 'Revoked', 'danger'],
  },
  subject: {
    theory: ['理论知识考试', 'Theory exam', ''],
    practical: ['操作技能考核', 'Practical assessment', ''],
    review: ['综合评审', 'Comprehensive review', ''],
  },
  kind: {
    single: ['单选题', 'Single choice', ''],
    multi: ['多选题', 'Multiple choice', ''],
    judge: ['判断题', 'True / false', ''],
  },
  role: {
    province_admin: ['省级管理员', 'Province administrator', 'danger'],
    city_admin: ['市级管理员', 'City administrator', 'warning'],
    institution_admin: ['机构管理员', 'Institution administrator', 'primary'],
    institution_staff: ['机构工作人员', 'Institution staff', 'primary'],
    examiner: ['考评员', 'Examiner', 'success'],
    supervisor: ['督导员', 'Supervisor', 'info'],
    candidate: ['考生', 'Candidate', 'info'],
    public: ['未登录访客', 'Not signed in', 'info'],
    system: ['系统', 'System', 'info'],
  },
  // 职业分类大典 (2022): the major groups (大类) of occupation codes
  category: {
    1: ['党的机关、国家机关、群众团体和社会组织、企事业单位负责人', 'Heads of party and state organs, mass organisations, enterprises and institutions'],
    2: ['专业技术人员', 'Professional and technical personnel'],
    3: ['办事人员和有关人员', 'Clerks and related personnel'],
    4: ['社会生产服务和生活服务人员', 'Social production and life service personnel'],
    5: ['农、林、牧、渔业生产及辅助人员', 'Agriculture, forestry, animal husbandry and fishery workers'],
    6: ['生产制造及有关人员', 'Production and manufacturing personnel'],
    7: ['军队人员', 'Military personnel'],
    8: ['不便分类的其他从业人员', 'Other workers not classified'],
  },
  // the audit archive (GET /audit): action = entity.verb
  entity: {
    institution: ['机构', 'Institution'], person: ['人员', 'Person'], user: ['用户', 'User'], plan: ['认定计划', 'Plan'],
    registration: ['报名', 'Registration'], certificate: ['证书', 'Certificate'], result: ['评价结果', 'Result'],
    item: ['试题', 'Item'], items: ['题库', 'Item bank'], blueprint: ['组卷蓝图', 'Blueprint'], sitting: ['考场', 'Sitting'],
    attempt: ['答卷', 'Attempt'], occupation: ['职业', 'Occupation'], standard: ['职业标准', 'Standard'],
    objection: ['异议', 'Objection'], practical: ['操作技能考核', 'Practical'], collusion_flag: ['雷同答卷标记', 'Collusion flag'],
    demo: ['演示数据', 'Demo data'], import: ['数据导入', 'Import'], avoidance: ['回避声明', 'Avoidance'], review: ['综合评审', 'Review'],
    credit: ['信用档案', 'Credit archive'], credit_event: ['信用事件', 'Credit event'],
    supervisor: ['督导员', 'Supervisor'], dispatch_run: ['督导派遣', 'Dispatch run'], inspection: ['督导检查', 'Inspection'],
    checklist: ['检查清单', 'Checklist'], blob: ['文件', 'File'], rectification: ['整改', 'Rectification'],
    revoking_confirmation: ['撤销备案情形确认', 'Revoking situation'], rectify_term: ['整改期限', 'Rectification term'],
    dispatch_rules: ['派遣规则', 'Dispatch rules'],
    stat_report: ['统计报表', 'Statistical report'], open_data_release: ['开放数据', 'Open data release'],
    pii_key: ['个人信息密钥', 'PII key'], issuer_key: ['签名密钥', 'Signing key'],
    school: ['技工院校', 'School'], major: ['专业备案', 'Major'],
  },
  verb: {
    create: ['新建', 'created'], update: ['修改', 'updated'], status: ['变更状态', 'status changed'], scope: ['变更备案范围', 'scope changed'],
    issue: ['发证', 'issued'], reissue: ['换发', 'reissued'], revoke: ['撤销', 'revoked'], import: ['导入', 'imported'],
    approve: ['审核通过', 'approved'], reject: ['审核不通过', 'rejected'], override: ['特批', 'overridden'], set: ['设置', 'set'],
    revise: ['修订', 'revised'], add: ['新增', 'added'], add_fact: ['新增履历', 'record added'], link: ['关联', 'linked'],
    disable: ['停用', 'disabled'], enable: ['启用', 'enabled'], unlock: ['解锁', 'unlocked'], score: ['评分', 'scored'],
    setup: ['设置', 'set up'], resolve: ['处理', 'resolved'], review: ['复核', 'reviewed'], declare: ['声明', 'declared'],
    analyse: ['分析', 'analysed'], invigilators: ['调整监考人员', 'invigilators changed'], correct: ['更正', 'corrected'],
    results: ['汇总成绩', 'results compiled'], seed: ['生成', 'generated'],
    record: ['记录', 'recorded'], withdraw: ['撤销', 'withdrawn'],
  },
  action: {
    'stats.report': ['生成统计报表', 'Report made'], 'stats.report.schedule': ['按月生成统计报表', 'Scheduled report'],
    'open_data.publish': ['发布开放数据', 'Open data published'], 'pii.reseal': ['个人信息重新加密', 'PII re-sealed'],
    'pii.key.add': ['新增个人信息密钥', 'PII key added'], 'pii.key.promote': ['启用个人信息密钥', 'PII key promoted'],
    'pii.key.retire': ['停用个人信息密钥', 'PII key retired'], 'issuer_key.rotate': ['更换签名密钥', 'Signing key rotated'],
    'institution.create': ['新建机构', 'Institution created'], 'institution.update': ['修改机构信息', 'Institution updated'],
    'institution.status': ['机构状态变更', 'Institution status changed'], 'institution.scope': ['变更机构备案范围', 'Institution scope changed'],
    'person.create': ['新建人员', 'Person created'], 'person.update': ['修改人员信息', 'Person updated'], 'person.add_fact': ['新增人员履历', 'Person record added'],
    'person.link': ['人员关联机构', 'Person linked'], 'user.create': ['新建用户', 'User created'], 'user.disable': ['停用用户', 'User disabled'],
    'user.enable': ['启用用户', 'User enabled'], 'user.unlock': ['解锁用户', 'User unlocked'], 'plan.create': ['新建认定计划', 'Plan created'],
    'plan.results': ['汇总成绩', 'Results compiled'], 'registration.create': ['提交报名', 'Registration submitted'],
    'registration.approve': ['报名审核通过', 'Registration approved'], 'registration.reject': ['报名审核不通过', 'Registration rejected'],
    'registration.override': ['报名特批', 'Registration overridden'], 'registration.import': ['导入报名', 'Registrations imported'],
    'certificate.issue': ['发放证书', 'Certificate issued'], 'certificate.reissue': ['换发证书', 'Certificate reissued'], 'certificate.revoke': ['撤销证书', 'Certificate revoked'],
    'item.create': ['新建试题', 'Item created'], 'item.revise': ['修订试题', 'Item revised'], 'blueprint.set': ['设置组卷蓝图', 'Blueprint set'],
    'sitting.create': ['安排考场', 'Sitting created'], 'sitting.invigilators': ['调整监考人员', 'Invigilators changed'],
    'occupation.create': ['新建职业', 'Occupation created'], 'standard.add': ['新增职业标准', 'Standard added'],
    'objection.create': ['提出异议', 'Objection raised'], 'objection.resolve': ['处理异议', 'Objection resolved'],
    'result.correct': ['更正成绩', 'Result corrected'], 'collusion.review': ['复核雷同答卷', 'Collusion reviewed'], 'avoidance.declare': ['回避声明', 'Avoidance declared'],
    'auth.login': ['登录成功', 'Signed in'], 'auth.login_failed': ['登录失败', 'Sign-in failed'], 'auth.lockout': ['账号锁定', 'Account locked'],
    'user.password_change': ['修改密码', 'Password changed'], 'user.password_reset': ['重置密码', 'Password reset'],
    'plan.draft': ['认定计划退回草稿', 'Plan back to draft'], 'plan.filed': ['认定计划备案', 'Plan filed'], 'plan.open': ['认定计划开始报名', 'Plan opened for registration'],
    'plan.examining': ['认定计划进入考试', 'Plan examining'], 'plan.scoring': ['认定计划进入评分', 'Plan scoring'], 'plan.publicity': ['认定计划成绩公示', 'Plan results in publicity'],
    'plan.certified': ['认定计划已发证', 'Plan certified'], 'plan.archived': ['认定计划归档', 'Plan archived'],
    'attempt.admit': ['考生检录', 'Candidate admitted'], 'attempt.submit': ['交卷', 'Paper submitted'], 'attempt.absent': ['记缺考', 'Marked absent'],
    'attempt.void': ['答卷作废', 'Attempt voided'], 'attempt.extra_time': ['延长考试时间', 'Extra time granted'],
    'items.import': ['导入试题', 'Items imported'], 'sitting.analyse': ['考场答卷分析', 'Sitting analysed'], 'demo.seed': ['生成演示数据', 'Demo data generated'],
    'practical.setup': ['设置操作技能考核', 'Practical set up'], 'practical.score': ['操作技能评分', 'Practical scored'],
    'review.setup': ['设置综合评审', 'Review set up'], 'review.score': ['综合评审评分', 'Review scored'],
    'credit.record': ['记录信用事件', 'Credit event recorded'], 'credit.withdraw': ['撤销信用事件', 'Credit event withdrawn'],
    'supervisor.create': ['设置督导员信息', 'Supervisor profile set'], 'dispatch.run': ['督导派遣', 'Supervisors dispatched'],
    'checklist.version': ['发布检查清单', 'Checklist version stored'], 'inspection.open': ['开始督导检查', 'Inspection opened'],
    'inspection.resume': ['继续督导检查', 'Inspection resumed'], 'inspection.save': ['保存检查记录', 'Inspection saved'],
    'inspection.sign': ['签署检查记录', 'Inspection signed'], 'inspection.sign_again': ['重复签署（未变更）', 'Inspection signed again (unchanged)'],
    'inspection.evidence': ['上传检查证据', 'Inspection evidence uploaded'], 'inspection.evidence_again': ['重复上传检查证据', 'Inspection evidence uploaded again'],
    'blob.store': ['保存文件', 'File stored'], 'rectification.open': ['发起整改', 'Rectification opened'],
    'rectification.evidence': ['上传整改证明材料', 'Rectification evidence uploaded'],
    'rectification.evidence_again': ['重复上传整改证明材料', 'Rectification evidence uploaded again'],
    'rectification.responded': ['报送整改情况', 'Rectification answered'], 'rectification.returned': ['退回重新整改', 'Rectification returned'],
    'rectification.closed': ['整改销号', 'Rectification closed'], 'rectification.escalated': ['整改升级处理', 'Rectification escalated'],
    'revoking.confirm': ['确认撤销备案情形', 'Revoking situation confirmed'], 'revoking.confirm_again': ['重复确认撤销备案情形', 'Revoking situation confirmed again'],
    'rectify_term.update': ['设置整改期限', 'Rectification term set'],
    'supervisor.availability': ['修改督导员可派时间', 'Supervisor availability changed'], 'dispatch.rules': ['修改派遣规则', 'Dispatch rules changed'],
    'school.registered': ['登记技工院校', 'School registered'], 'school.updated': ['修改技工院校层次', 'School updated'],
    'school.campus_added': ['新增校区', 'Campus added'], 'school.year_reported': ['报送年度招生毕业人数', 'Yearly figures reported'],
    'school.import': ['导入技工院校', 'Schools imported'], 'major.created': ['新设专业（草稿）', 'Major drafted'],
    'major.submitted': ['提交专业备案', 'Major submitted'], 'major.filed': ['专业备案登记', 'Major filed'], 'major.returned': ['退回专业备案', 'Major returned'],
    'major.change_submitted': ['提交专业变更备案', 'Major change submitted'], 'major.withdrawal_submitted': ['申请撤销专业', 'Major withdrawal submitted'],
    'major.withdrawn': ['专业撤销登记', 'Major withdrawn'], 'major.withdrawal_returned': ['退回专业撤销申请', 'Major withdrawal returned'],
  },
  // the audit records' detail fields
  field: {
    from: ['原状态', 'From'], to: ['新状态', 'To'], reason: ['原因', 'Reason'], title: ['名称', 'Title'], name: ['名称', 'Name'],
    level: ['等级', 'Level'], occupation_code: ['职业', 'Occupation'], person_id: ['人员', 'Person'], plan_id: ['计划', 'Plan'],
    institution_id: ['机构', 'Institution'], registration_id: ['报名', 'Registration'], sitting_id: ['考场', 'Sitting'], result_id: ['结果', 'Result'],
    reissue_of: ['换发自', 'Reissue of'], items: ['题数', 'Items'], room: ['考场', 'Room'], minutes: ['时长（分钟）', 'Minutes'],
    starts_at: ['开考时间', 'Starts'], invigilators: ['监考人员', 'Invigilators'], client: ['来源地址', 'Client'], outcome: ['结果', 'Outcome'],
    approved: ['通过', 'Approved'], out_of_turn: ['特批', 'Out of turn'], eligible: ['符合条件', 'Eligible'], option: ['申报条件', 'Condition'],
    failed_code: ['不符合项', 'Failed requirement'], cells: ['蓝图单元', 'Blueprint cells'], scopes: ['备案范围', 'Scopes'],
    imported: ['导入', 'Imported'], rejected: ['拒绝', 'Rejected'], rows: ['行数', 'Rows'], source: ['文件', 'File'], encoding: ['编码', 'Encoding'],
    version: ['版本', 'Version'], replaces: ['替换', 'Replaces'], role: ['角色', 'Role'], username: ['用户名', 'Username'], status: ['状态', 'Status'],
    score: ['分数', 'Score'], action: ['操作', 'Action'], date: ['日期', 'Date'], delay_s: ['等待（秒）', 'Delay (s)'],
    failed_logins: ['连续失败次数', 'Failures in a row'], user_id: ['用户', 'User'], region_code: ['地区', 'Region'],
    display_name: ['姓名', 'Name'], disabled: ['停用', 'Disabled'], examiner_grade: ['考评员级别', 'Examiner grade'],
    answer: ['答案', 'Answer'], points: ['分值', 'Points'], area: ['知识领域', 'Area'], count: ['数量', 'Count'], number: ['证书编号', 'Number'],
    subject_type: ['对象类型', 'Subject type'], subject_id: ['对象编号', 'Subject'], kind: ['类别', 'Kind'], from_date: ['生效日期', 'From'],
    until_date: ['截止日期', 'Until'], blocks: ['限制', 'Blocks'], source_type: ['来源', 'Source'], source_id: ['来源编号', 'Source id'], corrects: ['更正', 'Corrects'],
    corrects_id: ['更正记录', 'Corrects'], evidence_id: ['证据', 'Evidence'], sm3: ['SM3 摘要', 'SM3 digest'], media_type: ['文件类型', 'Type'],
    size: ['大小（字节）', 'Size (bytes)'], filename: ['文件名', 'File name'], new_blob: ['新文件', 'New file'], marks: ['检查项', 'Marks'],
    changed: ['变更数', 'Changed'], nonconform: ['不符合项', 'Nonconforming'], day: ['日期', 'Day'], sittings: ['考场数', 'Sittings'],
    assigned: ['派遣人次', 'Assigned'], distance_m: ['总里程（米）', 'Distance (m)'], cost: ['成本', 'Cost'], replaced: ['替换', 'Replaced'],
    grade: ['等级', 'Grade'], cert_no: ['证书编号', 'Certificate'], valid_until: ['有效期至', 'Valid until'], weekdays: ['可派工作日', 'Weekdays'],
    max_per_day: ['每日上限', 'Daily maximum'], avoid: ['回避机构', 'Avoided'], days_off: ['不可派日数', 'Days off'],
  },
  outcome: {
    success: ['成功', 'success', 'success'], failure: ['失败', 'failure', 'danger'], locked: ['已锁定', 'locked', 'danger'],
    bad_password: ['密码错误', 'wrong password', 'danger'], unknown_user: ['用户名不存在', 'unknown user', 'danger'],
    disabled: ['账号已停用', 'account disabled', 'danger'],
  },
};

// label('plan', 'open') -> 报名中 / Registration open
export function label(kind, code) {
  const e = maps[kind] && maps[kind][code];
  return e ? L(e[0], e[1]) : code ?? '';
}
export function tagType(kind, code) {
  const e = maps[kind] && maps[kind][code];
  return (e && e[2]) || 'info';
}
export function options(kind) {
  return Object.keys(maps[kind]).map((value) => ({ value, label: label(kind, value) }));
}
export function has(kind, code) {
  return !!(maps[kind] && maps[kind][code]);
}
